// The import rules of DESIGN §2, checked on every `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain imports nothing of ours but itself, and no IO: it owns its words (roles, durations, settings) and config imports them.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/luxon/', '^node_modules/@types/luxon/'],
      },
    },
    {
      name: 'core-never-imports-adapters',
      comment: 'src/** never imports adapters/** — except the composition root.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^adapters/' },
    },
    {
      name: 'only-store-imports-prisma',
      severity: 'error',
      from: { pathNot: ['^src/store/', '^src/generated/', '^prisma/'] },
      to: { path: ['^src/generated/', '^node_modules/@prisma/', '^node_modules/prisma/', '^node_modules/\\.prisma/'] },
    },
    {
      name: 'app-knows-no-infrastructure',
      comment: 'use cases talk to ports, not to delivery, storage or platforms',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: ['^src/delivery/', '^src/store/', '^adapters/'] },
    },
    {
      name: 'only-telegram-adapter-imports-telegraf',
      severity: 'error',
      from: { pathNot: '^adapters/telegram/' },
      to: { path: ['^node_modules/telegraf/', '^node_modules/@telegraf/'] },
    },
    {
      name: 'only-wechat-adapter-imports-wechaty',
      severity: 'error',
      from: { pathNot: '^adapters/wechat/' },
      to: { path: ['^node_modules/wechaty', '^node_modules/wechat4u/', '^node_modules/qrcode'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    // The generated Prisma client is a dependency to police, not code to walk.
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
}
