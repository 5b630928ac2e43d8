/**
 * Issue #23: the built page carries exactly the policy of shared/csp.ts in its meta tag, no
 * `%CSP%` placeholder is left anywhere in the build, a favicon ships, and the app:// protocol
 * serves the same page with the policy as a header too (defence in depth). Builds the renderer
 * with the app's own Vite config into a temp folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponse } from '../../electron/main/appProtocol';
import { APP_URL } from '../../electron/main/security';
import { rendererConfig } from '../../renderer/vite.renderer';
import { buildCsp } from '../../shared/csp';
import { ROOT, tempDir } from '../helpers';

/** A policy as directive → sorted sources, to compare directive by directive. */
function directives(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(out, `directive ${name} given twice`).not.toHaveProperty(name);
    out[name.toLowerCase()] = sources.sort();
  }
  return out;
}

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

let tmp: string;
let out: string;
let html: string;

beforeAll(async () => {
  tmp = tempDir('cbd-csp-build-');
  out = path.join(tmp, 'renderer');
  const config = rendererConfig(path.join(ROOT, 'renderer'));
  await build({
    ...config,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    build: { ...config.build, outDir: out, emptyOutDir: true },
  });
  html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
}, 240_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the built page’s own Content-Security-Policy', () => {
  it('has exactly one CSP meta tag, carrying buildCsp({ forMetaTag: true }) directive by directive', () => {
    const tags = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
    expect(tags).toHaveLength(1);
    const meta = directives(tags[0]![1]!.replaceAll('&#39;', "'"));
    const expected = directives(buildCsp({ forMetaTag: true }));
    expect(Object.keys(meta).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, sources] of Object.entries(expected)) expect(meta[name], name).toEqual(sources);
    // The production page never allows inline or eval'd scripts, nor the dev server.
    expect(meta['script-src']).toEqual(["'self'"]);
    expect(tags[0]![1]).not.toMatch(/localhost|ws:/);
  });

  it('leaves no %CSP% placeholder anywhere in the build', () => {
    for (const f of files(out)) expect(fs.readFileSync(f, 'latin1'), path.relative(out, f)).not.toContain('%CSP%');
  });

  it('ships the favicon the page names (no 404 on load)', () => {
    const icon = /<link[^>]+rel="icon"[^>]+href="\.\/([^"]+)"/.exec(html);
    expect(icon).not.toBeNull();
    expect(fs.existsSync(path.join(out, icon![1]!))).toBe(true);
  });

  it('is served over app:// with the full policy as a header, the meta tag kept as well', async () => {
    const r = appResponse(out, { url: APP_URL }, buildCsp());
    expect(r.status).toBe(200);
    const header = directives(r.headers.get('content-security-policy')!);
    expect(header).toEqual(directives(buildCsp()));
    expect(header['frame-ancestors']).toEqual(["'none'"]);
    expect(await r.text()).toContain(buildCsp({ forMetaTag: true }));
    // Every asset the page names is served with a type Chromium runs or applies.
    for (const [, ref] of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) {
      const a = appResponse(out, { url: `app://callback-desk/${ref}` }, buildCsp());
      expect(a.status, ref).toBe(200);
      expect(a.headers.get('content-type'), ref).not.toBe('application/octet-stream');
    }
  });
});
