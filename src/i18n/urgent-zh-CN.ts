// 中文：紧急的铃（issue 11）——安全提示、热线、快速升级、到场、不紧急、一直没人接的提醒。并入 zh-CN.ts 的目录。
// 社区可以在配置里换掉每一类的提示（urgency.classes[].advice）；没写的用这里的。

const minutes = (ms: number): string => {
  const m = Math.max(1, Math.round(ms / 60_000))
  if (m < 60) return `${m}分钟`
  if (m < 48 * 60) return `${Number((m / 60).toFixed(m < 600 ? 1 : 0))}小时`
  return `${Math.round(m / 1440)}天`
}

const className: Record<string, string> = {
  gas: '燃气泄漏',
  lift: '电梯困人',
  fire: '着火冒烟',
  person: '有人倒地',
  electric: '漏电',
  water: '爆管漏水',
  urgent: '急事',
}

const advice: Record<string, string[]> = {
  gas: ['不要开关电灯电器，不要点火，不要在屋里打电话', '开门开窗通风，关上燃气总阀，人先到楼外'],
  lift: ['告诉里面的人：别扒门、别撬门，按电梯里的警铃', '拨打轿厢里贴的救援电话，保持通话等救援'],
  fire: ['人先离开，走楼梯，不要坐电梯', '用湿毛巾捂住口鼻，弯腰往下走；火很小才用灭火器'],
  person: ['先别随便搬动，看看有没有呼吸、叫不叫得应', '马上打 120，守在旁边，把门打开等人来'],
  electric: ['不要用手碰人和电线，先拉下电闸', '有人触电，用干木棍把电线挑开'],
  water: ['关上家里或楼里的总水阀', '拔掉地上的插头，东西搬高，别踩积水里的电线'],
  urgent: ['先保证人身安全，有危险马上打下面的电话'],
}

const hotlineName: Record<string, string> = {
  fire: '火警',
  police: '报警',
  ambulance: '急救',
  gas: '燃气抢修',
  lift: '电梯救援',
  power: '供电抢修',
  property: '物业值班',
}

type Line = { no: number; name: string; category: string; place: string; text: string }

/** `arrivedAfter`: ms from the ring to 到场; `waited`: nobody has it yet, this long; `notArrived`: claimed, no 到场 yet */
export type UrgentDigestLine = {
  no: number
  name: string
  place: string
  text: string
  status: string
  claimant?: string
  arrivedAfter?: number
  waited?: number
  notArrived?: boolean
}

const orDash = (ms: number | undefined) => (ms === undefined ? '—' : minutes(ms))

export const urgentZh = {
  urgencyName: (key: string) => className[key] ?? key,
  urgencyAdvice: (key: string): string[] => advice[key] ?? advice.urgent!,
  urgencyOrdinary: () => '一般',
  hotlineName: (key: string) => hotlineName[key] ?? key,
  /** The ack leads with what to do; the hotlines follow as their own part (never masked). */
  urgentAckHead: (p: { no: number; name: string; advice: string[] }) =>
    `🚨 #${p.no} ${p.name}！${p.advice.map((a) => `\n⚠️ ${a}`).join('')}\n☎️ `,
  /** a hazard named in a group without a ring word: what to do now, and how to get someone to come */
  hazardHeadsUp: (p: { name: string; advice: string[] }) =>
    `⚠️ 如果真有${p.name}：${p.advice.map((a) => `\n⚠️ ${a}`).join('')}\n☎️ `,
  hazardHowToRing: (p: { within: string; example: string }) =>
    `\n要志愿者马上来，${p.within}内回复「按铃」就行；也可以写上哪栋哪里，比如：按铃 ${p.example}`,
  urgentAckTail: (p: { place: string; staff?: string; privately?: boolean }) =>
    `\n已受理（${p.place}）。已马上通知志愿者${p.staff ? `和${p.staff}` : ''}，有人接单会${p.privately ? '私聊' : '在群里'}告诉您。`,
  urgentPing: (p: Line) =>
    `🚨 #${p.no} 紧急·${p.name} ${p.category}·${p.place}：${p.text}\n能去的请马上回复「接单 ${p.no}」`,
  urgentPingAgain: (p: Line & { waited: number }) =>
    `🚨 #${p.no} 紧急·${p.name}，${minutes(p.waited)}了还没人接 ${p.category}·${p.place}：${p.text}\n能去的请马上回复「接单 ${p.no}」`,
  urgentForStaff: (p: Line) =>
    `🚨 #${p.no} 紧急·${p.name} ${p.category}·${p.place}：${p.text}\n已通知所有能去的志愿者。请马上安排（派单 ${p.no} @志愿者），需要时直接打热线。`,
  urgentStaffAgain: (p: Line & { waited: number }) =>
    `🚨 #${p.no} 紧急·${p.name}，${minutes(p.waited)}了还没人接 ${p.category}·${p.place}：${p.text}\n请马上安排（派单 ${p.no} @志愿者）或自己去。`,
  urgentForCommittee: (p: Line) =>
    `🚨 #${p.no} 紧急·${p.name} ${p.category}·${p.place}：${p.text}\n已通知志愿者和专员。`,
  urgentStillLooking: (p: { no: number; staff: string }) =>
    `⏰ #${p.no} 还在找人，已再次通知所有志愿者和${p.staff}。危险时请直接打热线。`,
  /** the household rang from has registered needs: volunteers and staff only */
  urgentNeeds: (p: { needs: string }) => `\n🤝 这户登记了帮扶需要：${p.needs}`,
  urgentClaimed: (p: { no: number; name: string }) => `✅ #${p.no} 由 ${p.name} 接单，正在赶过去。`,
  urgentClaimerAsk: (p: { no: number }) => `#${p.no} 是紧急的：请马上过去，到了回复「到场 ${p.no}」，大家就放心了。`,
  arrived: (p: { no: number; name: string }) => `📍 #${p.no} ${p.name} 已到场。`,
  arrivedAgain: (p: { no: number }) => `#${p.no} 已经记下到场了。`,
  notUrgent: (p: { no: number }) => `#${p.no} 本来就不是紧急的。`,
  downgraded: (p: { no: number }) => `#${p.no} 经工作人员确认，不是紧急情况，按一般的事处理。`,
  downgradedOk: (p: { no: number }) => `好的，#${p.no} 按一般的事处理，不再紧急催人。`,
  stillWaiting: (p: { no: number; category: string; place: string; text: string; waited: number }) =>
    `⏰ #${p.no} ${p.category}·${p.place}：${p.text}\n已经等了${minutes(p.waited)}，还没人接单，请帮忙安排（派单 ${p.no} @志愿者）`,

  // 议事会看的：导出的表格、记录、列表、每日小结和周周碰里的紧急单
  urgentCsvHeaders: () => ({ urgency: '紧急', arrivedAt: '到场时间', arriveMinutes: '到场用时（分钟）' }),
  /** the 紧急 cell of a case staff said was not an emergency */
  urgencyDowngraded: (p: { name: string }) => `不紧急（原报${p.name}）`,
  /** an urgent case, named first in the daily digest and 周周碰 */
  digestUrgentLine: (p: UrgentDigestLine) =>
    `🚨 #${p.no} ${p.name}·${p.place} ${p.text}（${p.status}${p.claimant ? `·${p.claimant}` : ''}${
      p.arrivedAfter !== undefined
        ? `，${minutes(p.arrivedAfter)}到场`
        : p.waited !== undefined
          ? `，已等${minutes(p.waited)}`
          : p.notArrived
            ? '，还没说到场'
            : ''
    }）`,
  /** the urgent rings of the digest's period, with their own times */
  digestUrgentFigures: (p: { count: number; claimMedian?: number; arriveMedian?: number }) =>
    `其中紧急 ${p.count} 件 · 接单中位 ${orDash(p.claimMedian)} · 到场中位 ${orDash(p.arriveMedian)}`,
}

export const urgentEventsZh: Record<string, (p: Record<string, unknown>) => string> = {
  // after: ms since the ring; wasName: the class it was rung as (withUrgencyWords, src/app/urgent.ts)
  arrived: (p) => (typeof p.after === 'number' ? `到场（按铃后${minutes(p.after)}）` : '到场'),
  downgraded: (p) => `不紧急${typeof p.wasName === 'string' ? `（原报${p.wasName}）` : ''}，按一般的事处理`,
}

export const urgentHelpZh = {
  arrive: '到场 12 — 紧急的事，到了说一声',
  downgrade: '不紧急 12 — 不是紧急情况，按一般的事处理',
}
