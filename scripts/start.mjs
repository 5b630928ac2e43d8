// `npm start`: open Callback Desk on a demo database. Creates the demo database on first run
// (branch DEMO01, users officer1..3 / manager1 / admin, password demo1234). Runs the Electron app
// when its binary is installed; otherwise explains why and serves the same UI through the
// browser harness so the app can still be tried.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Callback Desk needs Node.js 22.12 or newer (found ${process.versions.node}). 需要 Node.js 22.12 或更高版本。See README "Node 24".`,
  );
  process.exit(2);
}

// Owner-only files (0600) for everything this and its children create (the demo database, keys).
if (process.platform !== 'win32') process.umask(0o077);

const root = path.resolve(import.meta.dirname, '..');
const db = path.resolve(process.env.CALLBACK_DESK_DB ?? path.join(root, '.demo', 'callback-desk-demo.db'));
const env = { ...process.env, CALLBACK_DESK_DB: db };

if (!fs.existsSync(db)) {
  console.log(`Creating the demo database ${db} … 正在创建演示数据库…`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'demo-seed', '--db', db], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 3);
}

let electronPath;
try {
  electronPath = createRequire(import.meta.url)('electron');
  if (typeof electronPath !== 'string' || !fs.existsSync(electronPath)) electronPath = null;
} catch {
  electronPath = null;
}

if (electronPath) {
  const child = spawn(path.join(root, 'node_modules/.bin/electron-vite'), ['dev'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    [
      '',
      'The Electron binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or blocked by the network).',
      '未安装 Electron 可执行文件。To get it: set ELECTRON_MIRROR to your internal mirror and run `npm rebuild electron` (see README).',
      'Starting the same UI in the browser harness instead — open the URL below in Chrome/Chromium/Edge.',
      '改为启动浏览器测试界面，请在浏览器中打开下面的地址。',
      'Demo users 演示用户: officer1 / officer2 / officer3 / manager1 / admin — password 密码 demo1234',
      '',
    ].join('\n'),
  );
  const port = process.env.PORT ?? '5180';
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/harness/index.ts', '--db', db, '--port', port], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
