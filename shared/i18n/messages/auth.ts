/** The `auth` namespace: sign-in and the lock screen. zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    notInitialized: '本工作站尚未初始化。请由管理员运行 init 命令创建网点和管理员账号。',
  },
  lock: {
    title: '工作台已锁定',
    hint: '{{name}}，为保护客户信息，工作台已锁定。请输入密码解锁。',
    unlock: '解锁',
    switchUser: '切换用户',
    lockNow: '锁定',
  },
} as const;

export const en: Widen<typeof zh> = {
  login: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    notInitialized:
      'This workstation is not set up yet. An administrator must run the init command to create the branch and an admin account.',
  },
  lock: {
    title: 'Workbench locked',
    hint: '{{name}}, the workbench is locked to protect customer data. Enter your password to unlock.',
    unlock: 'Unlock',
    switchUser: 'Switch user',
    lockNow: 'Lock',
  },
};
