// Identities on the way in: a WeChat name from the file is a resident's hint, never a volunteer's or
// an admin's account; an upgraded database treats every WeChat identity it had as a name; binding a
// new account retires the person's old one.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/db.js'
import { migrationsDir } from '../../src/store/migrations.js'
import { PrismaStore } from '../../src/store/prisma-store.js'
import { peopleByName } from '../../adapters/platforms.js'
import { applyConfig } from '../../src/store/seed.js'
import { demoWith, tempDbFile } from '../helpers/index.js'

const config = demoWith('wechat', { people: { 王阿姨: '王阿姨', 钱阿姨: '钱阿姨', 徐书记: '徐书记' } })

async function seeded() {
  const db = await openDatabase(tempDbFile())
  const communityId = await applyConfig(db, config, peopleByName)
  const person = async (name: string) =>
    db.person.findUniqueOrThrow({ where: { communityId_name: { communityId, name } }, include: { identities: true } })
  return { db, communityId, person, store: new PrismaStore(db) }
}

describe('WeChat identities in the store', () => {
  it('takes a WeChat name from the file as a resident hint only', async () => {
    const { person } = await seeded()
    expect((await person('王阿姨')).identities.filter((i) => i.platform === 'wechat')).toMatchObject([
      { userId: '王阿姨', byName: true },
    ])
    expect((await person('钱阿姨')).identities.filter((i) => i.platform === 'wechat')).toEqual([])
    expect((await person('徐书记')).identities.filter((i) => i.platform === 'wechat')).toEqual([])
    expect((await person('钱阿姨')).identities.filter((i) => i.platform === 'console')).toMatchObject([
      { userId: '钱阿姨', byName: false },
    ])
  })

  it('marks every WeChat identity of an existing database as a name when it upgrades', () => {
    const file = tempDbFile()
    const sqlite = new Database(file)
    const all = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
    const sql = (m: string) => readFileSync(join(migrationsDir, m, 'migration.sql'), 'utf8')
    const upgrade = all.findIndex((m) => m.endsWith('_wechat_bound_identities'))
    for (const m of all.slice(0, upgrade)) sqlite.exec(sql(m))
    sqlite.exec(`INSERT INTO Community (id, name) VALUES (1, '锦绣社区');
      INSERT INTO Person (id, communityId, name, roles) VALUES (1, 1, '钱阿姨', '["volunteer"]'), (2, 1, '王阿姨', '["resident"]');
      INSERT INTO Identity (personId, platform, userId, name) VALUES
        (1, 'wechat', '钱阿姨', '钱阿姨'), (1, 'telegram', '5551', '钱阿姨'), (2, 'wechat', '王阿姨', '王阿姨');`)
    sqlite.exec(sql(all[upgrade]!))
    expect(sqlite.prepare('SELECT platform, userId, byName FROM Identity ORDER BY id').all()).toEqual([
      { platform: 'wechat', userId: '钱阿姨', byName: 1 },
      { platform: 'telegram', userId: '5551', byName: 0 },
      { platform: 'wechat', userId: '王阿姨', byName: 1 },
    ])
    sqlite.close()
  })

  it('unlinks a name from a volunteer or admin at every start (what an upgrade leaves, or a resident made volunteer)', async () => {
    const { db, person } = await seeded()
    const qian = await person('钱阿姨')
    await db.identity.create({
      data: { personId: qian.id, platform: 'wechat', userId: '钱阿姨', name: '钱阿姨', byName: true },
    })
    await db.identity.create({
      data: { personId: qian.id, platform: 'wechat', userId: '=K3F9Q2', name: '钱阿姨', byName: false },
    })
    await applyConfig(db, config, peopleByName)
    expect((await person('钱阿姨')).identities.filter((i) => i.platform === 'wechat')).toMatchObject([
      { userId: '=K3F9Q2', byName: false },
    ])
  })

  it('records a newcomer known by name as such, and binding a new account retires the old one', async () => {
    const { communityId, person, store } = await seeded()
    const id = await store.transaction((tx) =>
      tx.ensurePerson(communityId, { platform: 'wechat', userId: '徐书记', name: '徐书记', byName: true }),
    )
    const [newcomer] = await store.people([id])
    expect(newcomer).toMatchObject({
      name: '徐书记·2', // not the admin: a name is never attached to a known person (and not 徐书记·徐书记)
      roles: ['resident'],
      identities: [{ platform: 'wechat', userId: '徐书记', byName: true }],
    })

    const qian = await person('钱阿姨')
    await store.transaction((tx) => tx.linkIdentity(qian.id, { platform: 'wechat', userId: '=AAAAAA', name: '钱阿姨' }))
    await store.transaction((tx) => tx.linkIdentity(qian.id, { platform: 'wechat', userId: '=BBBBBB', name: '钱阿姨' }))
    expect((await person('钱阿姨')).identities.filter((i) => i.platform === 'wechat')).toMatchObject([
      { userId: '=BBBBBB', byName: false },
    ])
  })
})
