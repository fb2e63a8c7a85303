// The street-office database of issue 15, synthesized: six months of one deployment serving many estates
// — 10k groups, 30k residents, 1k volunteers, 100k cases in mixed states with their events, the messages
// they sent (outbox history), the message keys they recorded and the timers they ran or still wait on.
//
// The database must already exist, created and migrated by the app (so the schema is exactly the migrated
// one) and loaded with the demo community file: everything here is added to that community, so the demo's
// chats and people are the ones a benchmark exercises, in a directory as big as a street office's.
// Rows are written with raw better-sqlite3 prepared statements in one transaction, the indexes dropped
// during the load and recreated from their own migrated SQL. Deterministic: the same rows every run.
import Database from 'better-sqlite3'
import { buildingOf } from '../../src/domain/places.js'
import { sqlDate } from '../lib/by-hand.js'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

export interface Sizes {
  groups: number
  residents: number
  volunteers: number
  cases: number
  days: number
}

export const streetOffice: Sizes = { groups: 10_000, residents: 30_000, volunteers: 1_000, cases: 100_000, days: 182 }

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const int = (n: number): number => Math.floor(next() * n)
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!
  const between = (lo: number, hi: number): number => lo + next() * (hi - lo)
  /** log-normal around a median: most quick, a long tail */
  const lognormal = (median: number, sigma: number): number => {
    const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
    return median * Math.exp(sigma * z)
  }
  return { next, int, pick, between, lognormal }
}

const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈',
]
const given = [...'秀英华玉兰芳明国建平志文丽红军德金海伟敏静霞云强春梅林福荣桂英杰涛燕勇斌超霞娟']
const estates = [
  ...['和平', '幸福', '长庆', '朝晖', '德胜', '潮鸣', '米市', '流水', '东新', '文晖', '武林', '天水', '湖滨'],
  ...['小营', '紫阳', '望江', '闸弄', '采荷', '四季', '凯旋', '笕桥', '彭埠', '九堡', '丁桥', '景芳'],
].flatMap((a) => ['新村', '花园', '小区', '苑', '公寓', '家园', '里', '坊'].map((b) => a + b))
const skills = [
  ['物业'],
  ['物业'],
  ['物业'],
  ['物业'],
  ['物业'],
  ['物业'],
  ['银龄'],
  ['银龄'],
  ['法律'],
  ['物业', '银龄'],
]
const shiftSpecs = [
  '周一至周五 08:00-20:00',
  '每天 08:00-20:00',
  '周末 09:00-17:00',
  '周一、周三、周五 18:00-22:00',
  '工作日 07:30-12:00',
  '周二、周四 13:00-18:00',
  '每天 09:00-21:00',
]
const problems: [string, string][] = [
  ['物业', '楼道灯坏了'],
  ['物业', '楼上漏水，天花板在滴水'],
  ['物业', '电梯停了，老人下不了楼'],
  ['物业', '垃圾两天没人收'],
  ['物业', '门禁刷不开'],
  ['物业', '装修噪音太大，中午也在打'],
  ['物业', '消防通道被电动车堵了'],
  ['物业', '水管爆了，地下室进水'],
  ['银龄', '独居老人需要陪诊'],
  ['银龄', '帮忙买药，腿脚不便'],
  ['银龄', '老人助餐点怎么报名'],
  ['法律', '租房押金不退，想咨询'],
  ['法律', '装修合同纠纷'],
]
const verbs = ['已联系物业，明天上门', '师傅已经在路上', '已经报修，等配件', '已电话沟通', '已经上门看过']
const fixes = ['换了灯泡', '修好了', '已清运', '已处理完毕', '陪诊结束，老人已到家', '已帮忙办好']

type Post = { platform: string; kind: 'group' | 'direct'; chatId: string; text: string; purpose: string }

export function synthesize(file: string, o: { community: string; now: Date; sizes?: Sizes; seed?: number }) {
  const size = o.sizes ?? streetOffice
  const rnd = prng(o.seed ?? 15)
  const NOW = o.now.getTime()
  const db = new Database(file, { timeout: 10_000 })
  try {
    // A throwaway file: no journal while loading, WAL again (the app's mode) at the end.
    db.pragma('journal_mode = DELETE')
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
    db.pragma('cache_size = -262144')
    db.pragma('foreign_keys = OFF')
    const community = db.prepare(`SELECT "id", "nextCaseNo" FROM "Community" WHERE "name" = ?`).get(o.community) as
      { id: number; nextCaseNo: number } | undefined
    if (!community)
      throw new Error(`synthesize: community ${o.community} is not in ${file}; start ringbell on it first`)
    if (community.nextCaseNo !== 1) throw new Error('synthesize: the database already has cases')
    const cid = community.id
    const maxId = (t: string): number => db.prepare(`SELECT COALESCE(MAX("id"), 0) FROM "${t}"`).pluck().get() as number

    // the demo's own chats and people, which the synthesized history also uses
    const demoGroups = db
      .prepare(
        `SELECT g."id" AS id, g."name" AS name, g."role" AS role, g."places" AS places, c."platform" AS platform, c."chatId" AS chatId FROM "Group" g JOIN "GroupChat" c ON c."groupId" = g."id" WHERE g."communityId" = ? ORDER BY g."id"`,
      )
      .all(cid) as { id: number; name: string; role: string; places: string; platform: string; chatId: string }[]
    const demoPeople = db
      .prepare(
        `SELECT p."id" AS id, p."name" AS name, p."roles" AS roles, i."platform" AS platform, i."userId" AS userId FROM "Person" p JOIN "Identity" i ON i."personId" = p."id" WHERE p."communityId" = ? ORDER BY p."id"`,
      )
      .all(cid) as { id: number; name: string; roles: string; platform: string; userId: string }[]
    const volunteersChat = demoGroups.find((g) => g.role === 'volunteers')
    const committeeChat = demoGroups.find((g) => g.role === 'committee')
    if (!volunteersChat || !committeeChat)
      throw new Error('synthesize: the community needs a volunteers and a committee group')

    const tables = [
      'Place',
      'Group',
      'GroupChat',
      'Person',
      'Identity',
      'Case',
      'CaseEvent',
      'InboundMessage',
      'Outbox',
      'Job',
    ]
    const indexes = db
      .prepare(
        `SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'index' AND "sql" IS NOT NULL AND "tbl_name" IN (${tables.map(() => '?').join(',')})`,
      )
      .all(...tables) as { name: string; sql: string }[]

    const q = {
      place: db.prepare(`INSERT INTO "Place" ("id", "communityId", "path") VALUES (?, ?, ?)`),
      group: db.prepare(`INSERT INTO "Group" ("id", "communityId", "name", "role", "places") VALUES (?, ?, ?, ?, ?)`),
      chat: db.prepare(`INSERT INTO "GroupChat" ("groupId", "platform", "chatId", "title") VALUES (?, ?, ?, ?)`),
      person: db.prepare(
        `INSERT INTO "Person" ("id", "communityId", "name", "roles", "lastPlatform", "autoRegistered") VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      identity: db.prepare(`INSERT INTO "Identity" ("personId", "platform", "userId", "name") VALUES (?, ?, ?, ?)`),
      volunteer: db.prepare(`INSERT INTO "Volunteer" ("personId", "skills", "places", "maxOpen") VALUES (?, ?, ?, 5)`),
      shift: db.prepare(`INSERT INTO "Shift" ("volunteerId", "spec") VALUES (?, ?)`),
      kase: db.prepare(
        `INSERT INTO "Case" ("id", "communityId", "number", "text", "category", "place", "contact", "reporterId", "originGroupId", "originPlatform", "originChatId", "originMsgId", "status", "claimantId", "closeReason", "satisfied", "rating", "reopenCount", "supporters", "escalationRung", "version", "createdAt", "claimedAt", "progressAt", "resolvedAt", "closedAt", "acceptedAt", "building", "claimMs", "resolveMs", "closedById") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      event: db.prepare(
        `INSERT INTO "CaseEvent" ("caseId", "actorId", "kind", "payload", "at") VALUES (?, ?, ?, ?, ?)`,
      ),
      inbound: db.prepare(
        `INSERT INTO "InboundMessage" ("platform", "chatId", "messageId", "receivedAt") VALUES (?, ?, ?, ?)`,
      ),
      outbox: db.prepare(
        `INSERT INTO "Outbox" ("platform", "chatKind", "chatId", "content", "replyToMsgId", "caseId", "purpose", "status", "attempts", "nextAttemptAt", "createdAt", "sentAt", "sentMsgId", "leaseOwner") VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', 1, ?, ?, ?, ?, 'relay:synth')`,
      ),
      job: db.prepare(
        `INSERT INTO "Job" ("kind", "key", "payload", "dueAt", "attempts", "leaseOwner", "doneAt", "createdAt") VALUES (?, ?, ?, ?, 0, ?, ?, ?)`,
      ),
    }

    db.transaction(() => {
      for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`)

      // places and residents' groups: 200 estates × 50 buildings, one owners' group per building
      const groups: { id: number; place: string; platform: string; chatId: string }[] = []
      let placeId = maxId('Place')
      let groupId = maxId('Group')
      const wanted = size.groups - demoGroups.length
      for (let g = 0; groups.length < wanted; g++) {
        const estate =
          estates[Math.floor(g / 50) % estates.length]! +
          (g >= estates.length * 50 ? Math.floor(g / (estates.length * 50)) + 1 : '')
        const path = `${estate}/${(g % 50) + 1}幢`
        q.place.run(++placeId, cid, path)
        const name = `${estate}${(g % 50) + 1}幢业主群`
        q.group.run(++groupId, cid, name, 'residents', JSON.stringify([path]))
        // WeChat groups are keyed by topic, Telegram ones by a numeric id; one in ten is on both
        const telegram = `-100${1_700_000_000 + g}`
        const platform = g % 10 < 7 ? 'wechat' : 'telegram'
        q.chat.run(groupId, platform, platform === 'wechat' ? name : telegram, name)
        if (g % 10 === 0) q.chat.run(groupId, 'telegram', telegram, name)
        groups.push({ id: groupId, place: path, platform, chatId: platform === 'wechat' ? name : telegram })
      }

      // people: residents (each in a building's group), volunteers, staff and the committee
      let personId = maxId('Person')
      const names = new Set(demoPeople.map((p) => p.name))
      const uniqueName = (i: number): string => {
        const n = rnd.pick(surnames) + rnd.pick(given) + (rnd.next() < 0.7 ? rnd.pick(given) : '')
        if (!names.has(n)) return (names.add(n), n)
        return (names.add(`${n}·${i}`), `${n}·${i}`)
      }
      type Who = { id: number; name: string; platform: string; userId: string }
      const person = (i: number, roles: string[], platform: string, auto: boolean): Who => {
        const name = uniqueName(i)
        q.person.run(++personId, cid, name, JSON.stringify(roles), platform, auto ? 1 : 0)
        const userId =
          platform === 'wechat' ? `wxid_${(personId * 2654435761) % 2 ** 32}` : String(5_000_000_000 + personId)
        q.identity.run(personId, platform, userId, name)
        if (rnd.next() < 0.05) {
          q.identity.run(personId, platform === 'wechat' ? 'telegram' : 'wechat', `alt_${personId}`, name)
        }
        return { id: personId, name, platform, userId }
      }
      const residents: (Who & { group: number })[] = []
      for (let r = 0; r < size.residents; r++) {
        const group = r % groups.length
        residents.push({ ...person(r, ['resident'], groups[group]!.platform, rnd.next() < 0.9), group })
      }
      const volunteers: Who[] = []
      for (let v = 0; v < size.volunteers; v++) {
        const who = person(
          v,
          rnd.next() < 0.1 ? ['volunteer', 'resident'] : ['volunteer'],
          rnd.next() < 0.75 ? 'wechat' : 'telegram',
          false,
        )
        const home = rnd.int(groups.length)
        const estate = groups[home]!.place.split('/')[0]!
        const u = rnd.next()
        const places =
          u < 0.08
            ? []
            : u < 0.28
              ? [estate]
              : Array.from(
                  { length: 1 + rnd.int(3) },
                  () => groups[Math.min(groups.length - 1, home + rnd.int(5))]!.place,
                )
        q.volunteer.run(who.id, JSON.stringify(rnd.pick(skills)), JSON.stringify([...new Set(places)]))
        q.shift.run(who.id, rnd.pick(shiftSpecs))
        if (rnd.next() < 0.3) q.shift.run(who.id, rnd.pick(shiftSpecs))
        volunteers.push(who)
      }
      const staff: Who[] = []
      for (let s = 0; s < 40; s++) staff.push(person(s, s < 5 ? ['staff', 'admin'] : ['staff'], 'wechat', false))
      for (let c = 0; c < 15; c++) person(c, ['committee'], 'wechat', false)

      // six months of cases
      const demoResidents = demoPeople.filter((p) => p.roles.includes('resident'))
      const demoVolunteers = demoPeople.filter((p) => p.roles.includes('volunteer'))
      const start = NOW - size.days * DAY
      // rung between 07:00 and 22:00 Shanghai time, on any of the days up to now
      const midnight = Math.floor((NOW + 8 * HOUR) / DAY) * DAY - 8 * HOUR
      const times = Array.from({ length: size.cases }, () => {
        for (;;) {
          const t = midnight - rnd.int(size.days) * DAY + rnd.between(7, 22) * HOUR
          if (t < NOW && t >= start) return t
        }
      }).sort((a, b) => a - b)
      let caseId = maxId('Case')
      let msg = 0
      let sent = 0
      const epoch = sqlDate(0)
      const volunteersPost = (text: string, purpose: string): Post => ({
        platform: volunteersChat.platform,
        kind: 'group',
        chatId: volunteersChat.chatId,
        text,
        purpose,
      })
      const dm = (w: { platform: string; userId: string }, text: string, purpose: string): Post => ({
        platform: w.platform,
        kind: 'direct',
        chatId: w.userId,
        text,
        purpose,
      })

      for (let k = 0; k < size.cases; k++) {
        const id = ++caseId
        const no = k + 1
        const t0 = times[k]!
        // one ring in twenty from the demo's own two buildings, the rest from the street's groups
        const fromDemo = rnd.next() < 0.05
        const dr = fromDemo ? rnd.pick(demoResidents) : undefined
        const dg = fromDemo ? demoGroups.filter((g) => g.role === 'residents')[k % 2]! : undefined
        const res = residents[rnd.int(residents.length)]!
        const reporter = dr ? { id: dr.id, name: dr.name, platform: dr.platform, userId: dr.userId } : res
        const origin = dg
          ? { id: dg.id, place: (JSON.parse(dg.places) as string[])[0] ?? '', platform: dg.platform, chatId: dg.chatId }
          : groups[res.group]!
        const [category, problem] = rnd.pick(problems)
        const unit = rnd.int(6) + 1
        const place = `${origin.place}/${unit}单元`
        const short = place.split('/').slice(1).join('')
        const phone = rnd.next() < 0.4 ? `13${rnd.int(10)}${String(10_000_000 + rnd.int(89_999_999))}` : null
        const text = `${short}${problem}${phone ? ` ${phone.slice(0, 3)}****${phone.slice(-4)}` : ''}`
        const originMsgId = `m${++msg}`

        const c = {
          status: 'open',
          claimantId: null as number | null,
          closeReason: null as string | null,
          satisfied: null as number | null,
          rating: null as number | null,
          supporters: 0,
          escalationRung: 0,
          version: 0,
          claimedAt: null as number | null,
          progressAt: null as number | null,
          resolvedAt: null as number | null,
          closedAt: null as number | null,
          /** who closed it by a decision (the resident's 撤销) */
          closedById: null as number | null,
        }
        const toOrigin = (t: string, purpose = 'update'): Post => ({
          platform: origin.platform,
          kind: 'group',
          chatId: origin.chatId,
          text: t,
          purpose,
        })
        const write = (
          at: number,
          kind: string | null,
          actor: number | null,
          payload: object,
          posts: Post[],
          key: [string, string, string] | null,
        ) => {
          const when = sqlDate(at)
          if (kind) {
            q.event.run(id, actor, kind, JSON.stringify(payload), when)
          }
          if (key) {
            q.inbound.run(key[0], key[1], key[2], when)
          }
          for (const p of posts) {
            q.outbox.run(
              p.platform,
              p.kind,
              p.chatId,
              JSON.stringify([{ type: 'text', text: p.text }]),
              p.purpose === 'ack' ? originMsgId : null,
              id,
              p.purpose,
              epoch,
              when,
              sqlDate(at + 300 + rnd.int(3000)),
              `s${++sent}`,
            )
          }
        }
        /** the message key a person's message left */
        const said = (platform: string, chatId: string) => [platform, chatId, `m${++msg}`] as [string, string, string]
        /** Timers set at `from`, cancelled by the next change at `until`: fired, cancelled or still pending. */
        const timers = (
          list: { kind: string; key: string; due: number; payload: object; fire: (at: number) => void }[],
          until: number,
        ) => {
          for (const j of list) {
            const ends = Math.min(until, NOW)
            if (j.due <= ends) {
              q.job.run(
                j.kind,
                j.key,
                JSON.stringify(j.payload),
                sqlDate(j.due),
                'synth',
                sqlDate(j.due + 800),
                sqlDate(j.due - 1),
              )
              write(j.due, null, null, {}, [], ['timer', 'jobs', j.key])
              j.fire(j.due)
            } else if (until > NOW) {
              q.job.run(j.kind, j.key, JSON.stringify(j.payload), sqlDate(j.due), null, null, sqlDate(NOW - 1))
            }
          }
        }
        const ladder = (from: number, until: number) =>
          timers(
            [15, 30, 60].map((m, i) => ({
              kind: 'escalate',
              key: `escalate:${id}:${from}:${i + 1}`,
              due: from + m * MIN,
              payload: { caseId: id, rung: i + 1, to: ['skill', 'staff', 'committee'][i] },
              fire: (at: number) => {
                c.escalationRung = i + 1
                c.version++
                write(
                  at,
                  'escalated',
                  null,
                  { rung: i + 1 },
                  [
                    toOrigin(`⏰ #${no} 还没人接单，已再次通知志愿者，请再耐心等一等。`, 'escalation'),
                    i === 2
                      ? {
                          platform: committeeChat.platform,
                          kind: 'group',
                          chatId: committeeChat.chatId,
                          text: `⏰ #${no} 一小时没人接单`,
                          purpose: 'escalation',
                        }
                      : volunteersPost(`🔔 #${no} 还没人接单：${text}`, 'ping'),
                  ],
                  null,
                )
              },
            })),
            until,
          )
        const followUps = (phase: 'claimed' | 'resolved', from: number, until: number, claimant: Who) =>
          timers(
            (phase === 'claimed'
              ? [
                  ['remindClaimer', 24],
                  ['tellStaff', 48],
                ]
              : [
                  ['remindVerify', 72],
                  ['autoClose', 96],
                ]
            ).map(([step, h]) => ({
              kind: 'followup',
              key: `followup:${id}:${from}:${step}`,
              due: from + (h as number) * HOUR,
              payload: { caseId: id, step, since: from },
              fire: (at: number) => {
                if (step === 'autoClose') {
                  Object.assign(c, { status: 'closed', closeReason: 'unverified', closedAt: at })
                  c.version++
                  write(at, 'autoclosed', null, {}, [toOrigin(`#${no} 没有收到回复，已自动办结。`)], null)
                } else if (step === 'remindVerify')
                  write(at, null, null, {}, [toOrigin(`#${no} 办好了吗？请回复「满意 ${no}」`, 'reminder')], null)
                else write(at, null, null, {}, [dm(claimant, `#${no} 还没有进展，记得跟进哦。`, 'reminder')], null)
              },
            })),
            until,
          )

        // the ring
        write(
          t0,
          'rung',
          reporter.id,
          { text, category, place },
          [
            toOrigin(`🔔 #${no} 已受理：${category}·${short}。正在通知志愿者，有人接单会在群里告诉您。`, 'ack'),
            volunteersPost(`🔔 #${no} ${category}·${short}：${text}\n请回复「接单 ${no}」接单`, 'ping'),
          ],
          said(origin.platform, origin.chatId),
        )
        if (rnd.next() < 0.02) {
          const n = 1 + rnd.int(3)
          for (let s = 0; s < n; s++) {
            const at = t0 + rnd.between(2 * MIN, 90 * MIN)
            if (at > NOW) continue
            c.supporters++
            c.version++
            const who = residents[rnd.int(residents.length)]!
            write(
              at,
              'supported',
              who.id,
              {},
              [toOrigin(`#${no} 又有一户反映同样的问题（共 ${c.supporters + 1} 户）。`, 'reply')],
              said(origin.platform, origin.chatId),
            )
          }
        }
        const u = rnd.next()
        if (u < 0.3) {
          // cancelled by the resident: sorted out after all, or rung twice
          const at = t0 + rnd.lognormal(8 * MIN, 1)
          ladder(t0, at)
          if (at <= NOW) {
            Object.assign(c, { status: 'closed', closeReason: 'cancelled', closedAt: at, closedById: reporter.id })
            c.version++
            write(
              at,
              'cancelled',
              reporter.id,
              {},
              [toOrigin(`#${no} 已撤销。`), volunteersPost(`#${no} 已撤销，不用去了。`, 'update')],
              said(origin.platform, origin.chatId),
            )
          }
        } else {
          const never = u > 0.985
          let claimAt = never ? Infinity : t0 + rnd.lognormal(4 * MIN, 1)
          ladder(t0, claimAt)
          // one in twenty-five claimed by the demo's own volunteers
          let who: Who = rnd.next() < 0.04 ? rnd.pick(demoVolunteers) : rnd.pick(volunteers)
          const claim = (at: number) => {
            const assigned = rnd.next() < 0.1
            const by = assigned ? rnd.pick(staff) : who
            Object.assign(c, { status: 'claimed', claimantId: who.id, claimedAt: c.claimedAt ?? at })
            c.version++
            write(
              at,
              assigned ? 'assigned' : 'claimed',
              by.id,
              assigned ? { to: who.id } : {},
              [
                toOrigin(`✅ #${no} 由 ${who.name} 接单，请放心。`),
                volunteersPost(`✅ #${no} 由 ${who.name} 接单，请放心。`, 'update'),
                dm(
                  who,
                  `您接了 #${no}（${short}）：${text}\n居民：${reporter.name}　电话：${phone ?? '未留'}`,
                  'contact',
                ),
              ],
              said(volunteersChat.platform, volunteersChat.chatId),
            )
          }
          if (claimAt <= NOW) {
            claim(claimAt)
            // one in a hundred is handed back (before now) and claimed again by someone else
            const back = rnd.next() < 0.01 ? claimAt + rnd.lognormal(2 * HOUR, 1) : Infinity
            if (back <= NOW) {
              followUps('claimed', claimAt, back, who)
              Object.assign(c, { status: 'open', claimantId: null, escalationRung: 0 })
              c.version++
              write(
                back,
                'released',
                who.id,
                { text: '临时有事' },
                [toOrigin(`#${no} ${who.name} 临时有事，已重新找人。`)],
                said(volunteersChat.platform, volunteersChat.chatId),
              )
              claimAt = back + rnd.lognormal(10 * MIN, 1)
              ladder(back, claimAt)
              who = rnd.pick(volunteers)
              if (claimAt <= NOW) claim(claimAt)
            }
          }
          if (claimAt <= NOW) {
            const neverDone = rnd.next() < 0.02
            const resolveAt = neverDone ? Infinity : claimAt + rnd.lognormal(14 * HOUR, 0.9)
            let from = claimAt
            // one in twenty says how it is going on the way (a note before now)
            const noteAt =
              rnd.next() < 0.05 ? claimAt + rnd.between(0.1, 0.8) * Math.min(resolveAt - claimAt, 3 * DAY) : Infinity
            if (noteAt <= NOW) {
              followUps('claimed', claimAt, noteAt, who)
              c.progressAt = noteAt
              c.version++
              const note = rnd.pick(verbs)
              write(
                noteAt,
                'noted',
                who.id,
                { text: note },
                [toOrigin(`#${no} ${who.name}：${note}`), dm(who, `好的，已告诉${origin.chatId}。`, 'reply')],
                said(volunteersChat.platform, volunteersChat.chatId),
              )
              from = noteAt
            }
            followUps('claimed', from, resolveAt, who)
            if (resolveAt <= NOW) {
              const fix = rnd.pick(fixes)
              Object.assign(c, { status: 'resolved', resolvedAt: resolveAt, progressAt: resolveAt })
              c.version++
              write(
                resolveAt,
                'resolved',
                who.id,
                { text: fix },
                [
                  toOrigin(
                    `🛠 #${no} ${who.name} 已处理：${fix}。@${reporter.name} 请回复「满意 ${no}」或「不满意 ${no} 原因」。`,
                  ),
                  dm(who, `好的，已告诉${origin.chatId}。`, 'reply'),
                ],
                said(volunteersChat.platform, volunteersChat.chatId),
              )
              const answers = rnd.next() < 0.8
              const verifyAt = answers ? resolveAt + rnd.lognormal(4 * HOUR, 1.2) : Infinity
              const closesAt = verifyAt < resolveAt + 96 * HOUR ? verifyAt : Infinity
              followUps('resolved', resolveAt, closesAt, who)
              if (closesAt <= NOW) {
                const rating = rnd.next() < 0.7 ? 5 : 4
                Object.assign(c, {
                  status: 'closed',
                  closeReason: 'verified',
                  closedAt: closesAt,
                  satisfied: 1,
                  rating,
                })
                c.version++
                write(
                  closesAt,
                  'verified',
                  reporter.id,
                  { ok: true, rating },
                  [
                    toOrigin(`🎉 #${no} 已办结，谢谢！`),
                    dm(who, `${reporter.name} 对 #${no} 很满意：${'★'.repeat(rating)}`, 'update'),
                  ],
                  said(origin.platform, origin.chatId),
                )
              }
            }
          }
        }
        const d = (t: number | null) => (t === null ? null : sqlDate(t))
        const msSince = (from: number, t: number | null) =>
          t === null ? null : new Date(t).getTime() - new Date(from).getTime()
        q.kase.run(
          id,
          cid,
          no,
          text,
          category,
          place,
          phone,
          reporter.id,
          origin.id,
          origin.platform,
          origin.chatId,
          originMsgId,
          c.status,
          c.claimantId,
          c.closeReason,
          c.satisfied,
          c.rating,
          c.supporters,
          c.escalationRung,
          c.version,
          sqlDate(t0),
          d(c.claimedAt),
          d(c.progressAt),
          d(c.resolvedAt),
          d(c.closedAt),
          // As the store writes them (sql-tx.ts): accepted at the ring (triage: auto), the building of the
          // place, and how long from the ring to the claim and to 完成 (the figures' medians read these).
          sqlDate(t0),
          buildingOf(place),
          msSince(t0, c.claimedAt),
          msSince(t0, c.resolvedAt),
          c.closedById,
        )
      }
      db.prepare(`UPDATE "Community" SET "nextCaseNo" = ? WHERE "id" = ?`).run(size.cases + 1, cid)

      for (const i of indexes) db.exec(i.sql)
    })()
    db.pragma('journal_mode = WAL')
    const rows: Record<string, number> = {}
    for (const t of [...tables, 'Volunteer', 'Shift'])
      rows[t] = db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number
    const states = db
      .prepare(
        `SELECT "status" || COALESCE(' ' || "closeReason", '') AS s, COUNT(*) AS n FROM "Case" GROUP BY 1 ORDER BY 2 DESC`,
      )
      .all() as { s: string; n: number }[]
    return {
      rows,
      cases: Object.fromEntries(states.map((r) => [r.s, r.n])),
      pendingJobs: db.prepare(`SELECT COUNT(*) FROM "Job" WHERE "doneAt" IS NULL`).pluck().get() as number,
    }
  } finally {
    db.close()
  }
}
