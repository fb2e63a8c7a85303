// 中文（默认）。短、暖、直白：七十岁的邻居一眼能看懂。
import type { Status } from '../domain/case.js'
import type { CommandName } from '../domain/commands.js'
import { consultHelpZh, consultZh } from './consult-zh-CN.js'
import { urgentZh, urgentEventsZh, urgentHelpZh } from './urgent-zh-CN.js'
import type { Figures } from '../domain/figures.js'
import type { Period } from '../domain/periods.js'

const statusName: Record<Status, string> = {
  new: '待受理',
  open: '等待接单',
  claimed: '处理中',
  resolved: '待验收',
  referred: '已转办',
  deliberation: '议事中',
  closed: '已办结',
}
const closeName: Record<string, string> = {
  verified: '已办结',
  unverified: '未回复，已自动办结',
  cancelled: '已撤销',
  duplicate: '重复，已合并',
  declined: '不受理',
  referred: '已转办，有结果',
}
const roleName: Record<string, string> = {
  volunteer: '志愿者',
  staff: '社区专员',
  committee: '议事会成员',
  admin: '管理员',
  reporter: '提出人',
  anyone: '居民',
}
const groupRoleName: Record<string, string> = { residents: '业主', volunteers: '志愿者', committee: '议事' }
const periodName: Record<string, string> = {
  today: '今天',
  yesterday: '昨天',
  week: '本周',
  lastWeek: '上周',
  month: '本月',
  lastMonth: '上月',
  year: '今年',
  lastYear: '去年',
  all: '全部',
}
const md = (iso: string) => {
  const [, m, d] = iso.split('-').map(Number)
  return `${m}月${d}日`
}
/** 本周（11月2日—11月8日）, 本月（2026年11月）, 2026年11月, 11月1日—11月15日 */
const periodTitle = (p: Period): string => {
  const s = p.spec
  if (s.kind === 'all') return '全部'
  const month = `${p.first!.slice(0, 4)}年${Number(p.first!.slice(5, 7))}月`
  if (s.kind === 'monthOf') return month
  const span =
    s.kind === 'month' || s.kind === 'lastMonth'
      ? month
      : s.kind === 'year' || s.kind === 'lastYear'
        ? `${p.first!.slice(0, 4)}年`
        : p.first === p.last
          ? md(p.first!)
          : `${md(p.first!)}—${md(p.last!)}`
  return s.kind === 'days' ? span : `${periodName[s.kind]}（${span}）`
}
const pct = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`)
const eventWords: Record<string, (p: Record<string, unknown>) => string> = {
  ...urgentEventsZh,
  rung: (p) => `按铃：${String(p.text ?? '')}`,
  accepted: () => '受理',
  declined: (p) => `不受理：${String(p.reason ?? '')}`,
  referred: (p) => `转办给${String(p.to ?? '')}${p.note ? `：${String(p.note)}` : ''}`,
  referralResult: (p) => `转办结果：${String(p.text ?? '')}`,
  claimed: () => '接单',
  assigned: (p) => `派单${p.toName ? `给 ${String(p.toName)}` : ''}`,
  noted: (p) => `进展：${String(p.text ?? '')}`,
  resolved: (p) => `办好了${p.text ? `：${String(p.text)}` : ''}`,
  released: () => '放弃，重新找人',
  verified: (p) => `满意${typeof p.rating === 'number' ? ` ${'★'.repeat(p.rating)}` : ''}`,
  reopened: (p) => `不满意${p.text ? `：${String(p.text)}` : ''}，重新打开`,
  cancelled: (p) => `撤销${p.reason ? `：${String(p.reason)}` : ''}`,
  added: (p) => `补充：${String(p.text ?? '')}`,
  supported: () => '同（又一户反映）',
  escalated: (p) => `没人接单，升级提醒（第 ${String(p.rung ?? '')} 步）`,
  autoclosed: () => '没有回复，自动办结',
}
const minutes = (ms: number | undefined): string => {
  if (ms === undefined) return '—'
  const m = Math.round(ms / 60_000)
  if (m < 60) return `${m}分钟`
  if (m < 48 * 60) return `${Number((m / 60).toFixed(m < 600 ? 1 : 0))}小时`
  return `${Math.round(m / 1440)}天`
}

export const zhCN = {
  // households, consultations and notices (issue 14)
  ...consultZh,
  // urgent rings (issue 11)
  ...urgentZh,
  statusName: (s: Status, closeReason?: string | null) =>
    s === 'closed' && closeReason ? (closeName[closeReason] ?? statusName.closed) : statusName[s],
  roleName: (r: string) => roleName[r] ?? r,
  duration: minutes,

  ringAck: (p: { no: number; category: string; place: string; privately?: boolean }) =>
    `🔔 #${p.no} 已受理：${p.category}·${p.place}。正在通知志愿者，有人接单会${p.privately ? '私聊' : '在群里'}告诉您。`,
  ringAckNobody: (p: {
    no: number
    category: string
    place: string
    next?: string
    staff?: string
    privately?: boolean
  }) =>
    `🔔 #${p.no} 已受理：${p.category}·${p.place}。现在没有志愿者值班，${p.staff ? `已转告${p.staff}` : '已记下'}${p.next ? `，${p.next} 有人上班` : ''}，不会忘的。`,
  ping: (p: { no: number; category: string; place: string; text: string }) =>
    `🔔 #${p.no} ${p.category}·${p.place}：${p.text}\n请回复「接单 ${p.no}」接单`,
  pingNobody: (p: { no: number; category: string; place: string; text: string }) =>
    `🔔 #${p.no} ${p.category}·${p.place}：${p.text}\n现在没有志愿者值班，请帮忙安排，回复「接单 ${p.no}」或「派单 ${p.no} @志愿者」`,
  pingAgain: (p: { no: number; category: string; place: string; text: string }) =>
    `🔔 #${p.no} 又需要人了 ${p.category}·${p.place}：${p.text}\n请回复「接单 ${p.no}」接单`,
  claimed: (p: { no: number; name: string }) => `✅ #${p.no} 由 ${p.name} 接单，请放心。`,
  claimedForVolunteers: (p: { no: number; name: string }) => `✅ #${p.no} ${p.name} 接了。`,
  assigned: (p: { no: number; name: string }) => `✅ #${p.no} 已派给 ${p.name}。`,
  alreadyClaimed: (p: { no: number; name: string }) => `#${p.no} 已经由 ${p.name} 接单了，谢谢您！`,
  contactForClaimer: (p: {
    no: number
    text: string
    place: string
    reporter: string
    contact?: string | null
    private?: boolean
  }) =>
    `您接了 #${p.no}（${p.place}）：${p.text}\n居民：${p.reporter}　${p.contact ? `电话：${p.contact}` : p.private ? '没有留电话，可以私聊对方' : '没有留电话，可在群里 @ 对方'}${p.private ? '\n这是私下求助：请不要在群里说是谁、什么事。' : ''}\n办好后回复「完成 ${p.no} 说明」；有进展回复「进展 ${p.no} 内容」。`,
  /** a phone number the resident left after the ring, to the one volunteer who has the case */
  contactLater: (p: { no: number; reporter: string; contact: string }) =>
    `📞 #${p.no} ${p.reporter} 补了电话：${p.contact}`,
  note: (p: { no: number; name: string; text: string }) => `📝 #${p.no} ${p.name}：${p.text}`,
  resolved: (p: { no: number; name: string; text: string }) =>
    `🎉 #${p.no} ${p.name} 已办好${p.text ? `：${p.text}` : '。'}\n`,
  askVerify: (p: { no: number }) => ` 请回复「满意 ${p.no}」或「不满意 ${p.no} 原因」。`,
  released: (p: { no: number; name: string; reason?: string }) =>
    `#${p.no} ${p.name} 暂时接不了${p.reason ? `（${p.reason}）` : ''}，已重新通知志愿者。`,
  verified: (p: { no: number }) => `🙏 #${p.no} 已办结，谢谢您的评价！`,
  reopened: (p: { no: number; reason: string }) =>
    `#${p.no} 重新打开${p.reason ? `：${p.reason}` : ''}。正在重新通知志愿者。`,
  askReason: (p: { no: number }) => `请说说 #${p.no} 哪里不满意：直接回复这条消息，或者私聊我，志愿者会看到。`,
  reasonGiven: (p: { no: number; reporter: string; text: string }) =>
    `📝 #${p.no} ${p.reporter} 说哪里不满意：${p.text}`,
  reasonNoted: (p: { no: number }) => `好的，#${p.no} 哪里不满意已经转告志愿者了。`,
  cancelled: (p: { no: number }) => `#${p.no} 已撤销。`,
  added: (p: { no: number; text: string }) => `📎 #${p.no} 补充：${p.text}`,
  addedAck: (p: { no: number }) => `好的，#${p.no} 的补充已转给志愿者。`,
  contactSaved: (p: { no: number }) => `好的，#${p.no} 的电话记下了，只给接单的志愿者看。`,
  contactNoCase: () => '您现在没有在办的单子，电话先不记。要按铃请发「按铃 问题」，电话写在里面就行。',
  supported: (p: { no: number; count: number }) => `👍 #${p.no} 又有邻居反映同样的问题，共 ${p.count + 1} 户。`,
  status: (p: {
    no: number
    category: string
    place: string
    text: string
    status: string
    claimant?: string
    age?: string
    note?: { text: string; by: string; ago: string }
  }) =>
    `#${p.no} ${p.category}·${p.place}：${p.text}\n状态：${p.status}${p.claimant ? `（${p.claimant}）` : ''}${p.age ? `，已经 ${p.age}了` : ''}${p.note ? `\n最新进展：${p.note.text}（${p.note.by}，${p.note.ago}前）` : ''}`,

  listHead: (p: { title: string; count: number }) => `📋 ${p.title}：${p.count} 件`,
  /** `urgent`: an urgent case's class (issue 11), marked 🚨 right after the number */
  listLine: (p: {
    no: number
    category: string
    place: string
    text: string
    status: string
    claimant?: string
    urgent?: string
  }) =>
    `#${p.no} ${p.urgent ? `🚨${p.urgent} ` : ''}${p.status}${p.claimant ? `·${p.claimant}` : ''} ${p.category}·${p.place} ${p.text}`,
  listEmpty: (p: { title: string }) => `📋 ${p.title}：没有。`,
  listTitle: (o: string) =>
    (
      ({
        new: '待受理',
        open: '等待接单',
        claimed: '处理中',
        resolved: '待验收',
        referred: '已转办',
        closed: '已办结',
        all: '全部',
        active: '未办结',
      }) as Record<string, string>
    )[o] ?? o,
  listPage: (p: { page: number; pages: number }) => `（第 ${p.page}/${p.pages} 页）`,
  listNext: (p: { next: string }) => `下一页请发「${p.next}」`,
  listUsage: (p: { word: string }) =>
    `没听懂「${p.word}」，可以用：列表 待受理 / 未接单 / 处理中 / 待验收 / 已转办 / 已办结 / 全部，后面可以加页码，如：列表 全部 2`,
  mineHead: (p: { count: number }) => (p.count ? `您手上有 ${p.count} 件：` : '您手上没有单子，辛苦了！'),

  periodTitle,
  /** The figures of a period, in the seeds' order: rings, accepted, done, then how. */
  /** `urgentApart`: the urgent ones are shown apart below (统计 紧急): no pointer to them */
  stats: (p: { title: string; f: Figures; urgentApart?: boolean }) => {
    const f = p.f
    if (!f.rings) return `📊 ${p.title}：没有按铃。`
    const apart = [
      f.pending && `待受理 ${f.pending}`,
      f.declined && `不受理 ${f.declined}`,
      f.referred && `转办 ${f.referred}${f.referralsAnswered ? `（有结果 ${f.referralsAnswered}）` : ''}`,
      f.merged && `合并 ${f.merged}`,
      f.withdrawn + f.closedByStaff &&
        `撤销 ${f.withdrawn + f.closedByStaff}（居民 ${f.withdrawn}，社区 ${f.closedByStaff}）`,
    ].filter(Boolean)
    return [
      `📊 ${p.title}：按铃 ${f.rings} · 受理 ${f.accepted} · 办结 ${f.done}`,
      `完成率 ${pct(f.rate)}（办结÷受理）· 满意率 ${pct(f.satisfaction)}${f.rated ? `（${f.rated} 件有评价）` : ''}`,
      ...(f.unverified ? [`办结里有 ${f.unverified} 件是未回复、自动办结的`] : []),
      `在办 ${f.inProgress} · 待验收 ${f.awaitingCheck}${apart.length ? ` · ${apart.join(' · ')}` : ''}`,
      `接单用时 中位 ${minutes(p.f.claimMedian)}（P90 ${minutes(p.f.claimP90)}）`,
      `办好用时 中位 ${minutes(p.f.resolveMedian)}（P90 ${minutes(p.f.resolveP90)}）`,
      `服务居民 ${f.users} 人`,
      ...(f.urgent ? [`其中紧急 ${f.urgent} 件${p.urgentApart ? '' : '（发「统计 紧急」看接单、到场用时）'}`] : []),
    ].join('\n')
  },
  statsFor: (p: { what: string }) => `${p.what}`,
  statsSplitHead: (p: { title: string; by: string }) =>
    `📊 ${p.title}·${({ building: '按楼栋', category: '按类别', volunteer: '按志愿者', community: '各社区', urgency: '紧急和一般' } as Record<string, string>)[p.by] ?? p.by}`,
  statsSplitLine: (p: { name: string; f: Figures; by?: string }) =>
    p.by === 'urgency'
      ? `${p.name}：按铃 ${p.f.rings} · 接单中位 ${minutes(p.f.claimMedian)}（P90 ${minutes(p.f.claimP90)}）${p.f.arriveMedian === undefined ? '' : ` · 到场中位 ${minutes(p.f.arriveMedian)}（P90 ${minutes(p.f.arriveP90)}）`} · 办结 ${p.f.done}`
      : `${p.name}：按铃 ${p.f.rings} · 受理 ${p.f.accepted} · 办结 ${p.f.done} · 完成率 ${pct(p.f.rate)}${p.f.resolveMedian === undefined ? '' : ` · 办好中位 ${minutes(p.f.resolveMedian)}`}`,
  statsNobody: () => '未接单',
  statsUsage: (p: { word: string }) =>
    `没听懂「${p.word}」。可以这样问：统计 上周 · 统计 11月 · 统计 11月1日至15日 · 统计 9幢 · 统计 物业 · 统计 钱阿姨 · 统计 按楼栋 · 统计 图 本月`,
  statsOnlyOneCommunity: () => '这里只有一个社区，各社区的数字就是上面这些。',

  chartTitle: (p: { community: string; title: string }) => `${p.community} ${p.title}`,
  chartSeries: () => ({ rings: '按铃', accepted: '受理', done: '办结', rate: '完成率' }),
  chartWeek: (p: { day: string }) => `${p.day}起`,
  chartCaption: (p: { title: string }) => `📈 ${p.title}：每周按铃、受理、办结和完成率`,
  chartEmpty: (p: { title: string }) => `📈 ${p.title}没有按铃，没有图可画。`,

  exportCaption: (p: { title: string; count: number; contacts: boolean }) =>
    `📎 ${p.title}的单子 ${p.count} 件，用 Excel 或 WPS 打开${p.contacts ? '。含居民电话，请妥善保管，不要转发到群里' : ''}。`,
  exportNoContacts: () => '（电话号码只在管理员私聊机器人时导出。）',
  exportEmpty: (p: { title: string }) => `${p.title}没有单子，没什么可导出的。`,
  exportUsage: (p: { word: string }) =>
    `没听懂「${p.word}」。可以这样：导出 本月 · 导出 上月 · 导出 2026-11 · 导出 全部`,
  csvHeaders: () => ({
    number: '单号',
    rungAt: '按铃时间',
    category: '类别',
    building: '楼栋',
    place: '地点',
    text: '内容',
    reporter: '提出人',
    contact: '电话',
    status: '状态',
    claimant: '接单人',
    acceptedAt: '受理时间',
    claimedAt: '接单时间',
    resolvedAt: '办好时间',
    closedAt: '办结时间',
    rating: '评价',
    supporters: '同样问题户数',
    referredTo: '转办单位',
    history: '经过',
  }),
  satisfiedWord: (p: { satisfied: boolean | null; rating: number | null }) =>
    p.satisfied === null ? '' : p.satisfied ? `满意${p.rating ? ` ${p.rating}星` : ''}` : '不满意',

  historyHead: (p: { no: number; category: string; place: string; text: string; status: string; urgent?: string }) =>
    `🗂 #${p.no} ${p.urgent ? `🚨${p.urgent} ` : ''}${p.category}·${p.place}：${p.text}（${p.status}）`,
  historyLine: (p: { when: string; who?: string | null; kind: string; payload: Record<string, unknown> }) =>
    `${p.when} ${p.who ?? '系统'} ${(eventWords[p.kind] ?? (() => p.kind))(p.payload)}`,
  eventText: (kind: string, payload: Record<string, unknown>) => (eventWords[kind] ?? (() => kind))(payload),

  // 受理 (triage: staff)
  ringAckTriage: (p: { no: number; category: string; place: string }) =>
    `🔔 #${p.no} 收到了：${p.category}·${p.place}。社区专员看过后会安排志愿者，有消息会在群里告诉您。`,
  triageForStaff: (p: { no: number; category: string; place: string; text: string }) =>
    `🆕 #${p.no} ${p.category}·${p.place}：${p.text}\n请受理：回复「受理 ${p.no}」。不办请回复「不受理 ${p.no} 原因」，要交给别的单位请回复「转办 ${p.no} 单位」。`,
  triageReminder: (p: { no: number; category: string; place: string; text: string; waited: number }) =>
    `⏰ #${p.no} ${p.category}·${p.place}：${p.text}\n已经${minutes(p.waited)}还没受理，请回复「受理 ${p.no}」「不受理 ${p.no} 原因」或「转办 ${p.no} 单位」。`,
  triageForCommittee: (p: { no: number; category: string; place: string; text: string; waited: number }) =>
    `⏰ #${p.no} ${p.category}·${p.place}：${p.text}\n已经${minutes(p.waited)}还没受理，请议事会关注。`,
  acceptedNotice: (p: { no: number }) => `✅ #${p.no} 社区已受理，正在通知志愿者，有人接单会在群里告诉您。`,
  declinedNotice: (p: { no: number; reason: string; staff?: string }) =>
    `#${p.no} 社区看过了，这件事这次没法受理：${p.reason}。有疑问可以找${p.staff ?? '社区专员'}，也可以打 12345 市民服务热线问问。谢谢您的理解！`,
  referredNotice: (p: { no: number; to: string; note?: string }) =>
    `📨 #${p.no} 已转给${p.to}办理${p.note ? `：${p.note}` : ''}。有结果会在群里告诉您，请放心。`,
  referralResultNotice: (p: { no: number; to: string; text: string }) =>
    `📨 #${p.no} ${p.to}的办理结果：${p.text}\n还有问题请再按铃。`,
  referralReminder: (p: { no: number; to: string; text: string; waited: number }) =>
    `⏰ #${p.no}（${p.text}）转给${p.to}已经${minutes(p.waited)}，有结果请回复「转办结果 ${p.no} 内容」，要收回来自己办请回复「受理 ${p.no}」。`,
  referHow: () => '请写上转给哪个单位，比如：转办 12 物业公司 楼上漏水要物业处理',
  cancelledByStaff: (p: { no: number; name: string; reason: string }) => `#${p.no} 已由${p.name}关闭：${p.reason}。`,
  needReason: (p: { no: number }) => `关闭别人提的单子要写原因，比如：撤销 ${p.no} 重复了`,
  waitingTriage: (p: { no: number }) => `#${p.no} 还在等社区受理，受理后会通知志愿者。`,
  alreadyAccepted: (p: { no: number; status: string }) => `#${p.no} 已经受理了（现在${p.status}）。`,

  // 每日小结与周周碰
  dailyDigest: (p: {
    day: string
    rung: number
    claimed: number
    done: number
    open: Partial<Record<Status, number>>
    overdue: number
    overdueAfter: number
    /** urgent cases, named first (digestUrgentLine), and their figures (digestUrgentFigures) */
    urgent?: string[]
    urgentFigures?: string
  }) =>
    [
      `📰 今日小结（${p.day}）`,
      ...(p.urgent ?? []),
      `新按铃 ${p.rung} 件 · 接单 ${p.claimed} 件 · 办结 ${p.done} 件`,
      ...(p.urgentFigures ? [p.urgentFigures] : []),
      `还在办：${[
        p.open.new && `待受理 ${p.open.new}`,
        `等待接单 ${p.open.open ?? 0}`,
        `处理中 ${p.open.claimed ?? 0}`,
        `待验收 ${p.open.resolved ?? 0}`,
      ]
        .filter(Boolean)
        .join(' · ')}`,
      ...(p.overdue ? [`⚠️ 超过${minutes(p.overdueAfter)}没办完：${p.overdue} 件，发「列表」查看`] : []),
    ].join('\n'),
  weeklyHead: (p: { title: string }) => `🗓 周周碰 · ${p.title}`,
  weeklyOldestHead: () => '最久没办完的：',
  weeklyOldestLine: (p: { no: number; category: string; place: string; text: string; status: string; age: number }) =>
    `#${p.no} ${p.category}·${p.place} ${p.text}（${p.status}，${minutes(p.age)}）`,
  weeklyVolunteersHead: () => '志愿者这一周：',
  weeklyVolunteerLine: (p: { name: string; claimed: number; done: number; notes: number }) =>
    `${p.name} 接单 ${p.claimed} · 办好 ${p.done}${p.notes ? ` · 进展 ${p.notes}` : ''}`,
  weeklyNobody: () => '这一周没有志愿者接单。',
  weeklyQuiet: () => '上周没有按铃，也没有没办完的单子。',

  onDuty: () => '好的，今天您在值班，有新单会 @ 您。辛苦了！',
  myShifts: (p: { on: boolean }): string => (p.on ? '您现在在值班 ✅ 排班：' : '您现在不在班。排班：'),
  noShifts: () => '  还没有排班',
  rotaHead: () => '🗓 排班（✅ 现在在班）',
  rotaUsage: () => '排班的格式：排班 钱阿姨 周一至周五 08:00-20:00 · 排班 列表 · 排班 删除 钱阿姨 [序号]',
  rotaBadShift: (p: { spec: string }) => `没看懂「${p.spec}」，请写成：周一至周五 08:00-20:00`,
  rotaAdded: (p: { name: string; shift: string }) => `✅ 已给 ${p.name} 排班：${p.shift}`,
  rotaRemoved: (p: { name: string; count: number }) => `✅ 已删除 ${p.name} 的 ${p.count} 个班。`,
  offDuty: () => '好的，今天不再打扰您。辛苦了！',

  bound: (p: { place: string; role: string }) => `✅ 本群已绑定为「${p.place} ${groupRoleName[p.role] ?? p.role}群」。`,
  bindUsage: () => '绑定的格式：绑定 锦绣新村 9幢 业主（最后一个词可以是 业主 / 志愿者 / 议事）',
  bindUnknownPlace: (p: { place: string; known: string }) => `没有找到「${p.place}」。已有的地方：${p.known}`,
  unboundGroup: () => '这个群还没有绑定小区，请管理员在群里发「绑定 小区 楼栋 业主」。',
  sameNameGroup: (p: { name: string }) =>
    `有两个群都叫「${p.name}」（或者本群刚改成了这个名字），机器人分不清，先不在这里办事。请给群改一个不重名的名字，再请管理员在群里发一次「绑定 …」。`,

  // 绑定码：把聊天账号和小区里登记的人对上（微信只认得昵称，改个昵称谁都能冒充）。
  bindCodeIssued: (p: { name: string; code: string; minutes: number }) =>
    `给${p.name}的绑定码：${p.code}（${p.minutes}分钟内有效，只能用一次）\n请${p.name}本人私聊机器人发送：绑定码 ${p.code}\n（微信上要先加机器人为好友。）`,
  bindCodeSentPrivately: () => '绑定码已私聊发给您。',
  bindCodeUnknownPerson: (p: { name: string }) =>
    `没有找到「${p.name}」。请先把他写进小区的配置文件（people），重启后再要绑定码。`,
  bindCodeUsage: () => '要绑定码：绑定码 钱阿姨（管理员发）。收到绑定码的人，私聊机器人发送：绑定码 123456',
  bindCodeInvalid: () => '这个绑定码不对，或者已经过期、用过了。请向管理员要一个新的。',
  bindCodeTooMany: () => '绑定码试错太多次了，请一小时后再试，或者直接找管理员。',
  bindCodeInGroup: () => '绑定码请私聊机器人发送，不要发在群里。这个码已经作废，请向管理员要一个新的。',
  bindCodeCannot: () => '机器人没能记住您的账号。请先加机器人为好友，再私聊发一次这个绑定码（码还有效）。',
  accountLinked: (p: { name: string; roles: string[] }) =>
    `好了，${p.name}！机器人认得您了，以后改昵称、改群名片都不影响。您的身份：${p.roles.map((r) => roleName[r] ?? '居民').join('、')}。发「帮助」看看能做什么。`,
  accountLinkedIssuer: (p: { name: string }) => `✅ ${p.name} 已经绑定好了。`,
  ringInDirect: () =>
    '要按铃的话，请发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了。私聊按的铃只有接单的志愿者看得到详情。发「帮助」看看还能做什么。',

  alreadyRung: (p: { no: number; text: string; status: string }) =>
    `您已按过 #${p.no}（${p.text}），现在${p.status}。不用再按，有进展会在群里告诉您；要补充请发「补充 ${p.no} 内容」。`,
  ringHeld: () =>
    '别着急，您说的都记下了，不会丢。刚才按铃比较多，后面的先攒着，等您停一会儿，合成一件交给志愿者，不用再按了。',
  heldBundled: (p: { count: number }) => `刚才另外说的 ${p.count} 条都在这一件里。`,
  listSeparator: () => '；',
  andMore: (p: { count: number }) => `（还有 ${p.count} 条）`,
  visitorDirect: () =>
    '您好！协商铃在小区的业主群里用：请在您楼栋的业主群里发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了。在群里用过一次之后，也可以私聊我按铃，只有接单的志愿者看得到。群里还没有协商铃的话，请联系社区。',

  emptyRing: () => '请说说遇到了什么问题，比如：按铃 9幢2单元楼道灯坏了',
  unknownCase: (p: { no: number }) => `没有找到 #${p.no}，请核对一下单号。`,
  needCase: (p: { example: string }) => `请写上单号，比如：${p.example}`,
  whichQuoted: (p: { nos: string; example: string }) =>
    `这条消息说了 ${p.nos} 几件事，是哪一件？请写上单号，比如：${p.example}`,
  needText: (p: { example: string }) => `请写上内容，比如：${p.example}`,
  badOption: (p: { word: string; options: string }) => `没听懂「${p.word}」，可以用：${p.options}`,
  unknownCommand: (p: { word: string }) => `没听懂「${p.word}」。发「帮助」看看怎么用。`,
  tooLong: (p: { max: number }) =>
    `这条消息太长了（超过 ${p.max} 字），我没有办理。请分成几条短一点的再发，一条说一件事，谢谢您！`,
  notAllowed: (p: { role: string }) => `这个需要${roleName[p.role] ?? p.role}来做。有问题请找社区专员。`,
  notVolunteer: () => '接单需要志愿者身份。想当志愿者，请联系社区专员登记，谢谢您！',
  notAVolunteer: (p: { name: string }) => `${p.name} 不是登记的志愿者，只能派给志愿者。`,
  /** 我家也是 right after a neighbour's ring, with no number or quote: do they mean it? */
  meTooWhich: (p: { no: number; text: string }) =>
    `是说 #${p.no}（${p.text}）吗？是的话回复「同 ${p.no}」，就记上您家。`,
  alreadyYours: (p: { no: number }) => `#${p.no} 已经是您在办了，辛苦了！`,
  /** the volunteer says it is done again (修好了 1 twice): it is, and the resident has been asked */
  alreadyReported: (p: { no: number; name?: string }) =>
    `#${p.no} 您已经报过办好了，正等${p.name ?? '居民'}验收。辛苦了！`,
  alreadyAssigned: (p: { no: number; name: string }) => `#${p.no} 已经是 ${p.name} 在办了。`,
  reassigned: (p: { no: number; name: string }) => `#${p.no} 已改派给 ${p.name}，谢谢您！`,
  claimFirst: (p: { no: number }) => `#${p.no} 还没人接单，请先回复「接单 ${p.no}」。`,
  notYetDone: (p: { no: number; name?: string }) =>
    p.name
      ? `#${p.no} ${p.name} 还在办，办好后再请您回复「满意 ${p.no}」。`
      : `#${p.no} 还没人接单，办好后再请您验收。`,
  alreadySupported: (p: { no: number }) => `#${p.no} 您已经反映过了，我们记着呢。`,
  toldGroup: (p: { where: string }) => `好的，已告诉${p.where}。`,
  toldShort: (p: { no: number; where: string }) => `✓ #${p.no} 已转告${p.where}`,
  theResident: () => '居民',
  okDone: () => '好的，办好了。',
  thanksVolunteer: (p: { no: number; reporter: string; stars?: number; words?: string }) =>
    `🙏 #${p.no} ${p.reporter} 满意${p.stars ? ` ${'★'.repeat(p.stars)}` : ''}${p.words ? `：「${p.words}」` : ''}，辛苦您了！`,
  whichCase: (p: { nos: string; example: string }) => `您有 ${p.nos}，说的是哪一件？请带上单号，比如：${p.example}`,
  nothingToClaim: () => '现在没有等人接的单子，谢谢您！有新的会在群里通知。',
  whichWaiting: (p: { nos: string; example: string }) =>
    `等人接的有 ${p.nos}，接哪一件？请带上单号，比如：${p.example}`,
  noRingOpen: () => '您现在没有在办的铃。要查以前的，请带上单号，比如：进度 12',
  nothingWaiting: () => '您现在没有等您验收的单子。要验收请带上单号，比如：满意 12',
  noClaims: () => '您手上没有在办的单子。要写单号的话，比如：完成 12 换了灯泡',
  offerAgain: (p: { no: number; reason: string }) =>
    `#${p.no} 办结有一阵了，不能再打开。问题又来了的话，请发「再按铃 ${p.no}${p.reason ? ` ${p.reason}` : ' 又坏了'}」，会新开一件，注明接着 #${p.no}。`,
  againNotClosed: (p: { no: number; status: string }) =>
    `#${p.no} 现在${p.status}，不用再按。要补充请发「补充 ${p.no} 内容」。`,
  follows: (p: { no: number }) => `（接着 #${p.no}）`,
  looksLike: (p: { no: number; text: string }) =>
    `像是 #${p.no}（${p.text}），是同一件事的话回复「同 ${p.no}」加入，就不用分两件办了。`,
  mergedInto: (p: { no: number; into: number }) => `🔁 #${p.no} 和 #${p.into} 是同一件事，已并入 #${p.into}。`,
  yoursMerged: (p: { nos: string; into: number }) => `您的 ${p.nos} 已并入 #${p.into}，一起办。`,
  // Mass incidents (issue 12)
  joinedIncident: (p: { no: number; count: number }) =>
    `已记入 #${p.no}，共 ${p.count} 户反映。同一件事一起办，有进展会在群里说。`,
  // An ack's line when several are folded into one message (issue 12): whom it answers is put before it.
  joinedLine: (p: { no: number; count: number }) => `已记入 #${p.no}（共 ${p.count} 户）`,
  ackLine: (p: { no: number; category: string; place: string }) => `🔔 #${p.no} 已受理（${p.category}·${p.place}）`,
  incidentCount: (p: { no: number; count: number }) => `📈 #${p.no} 已有 ${p.count} 户反映同一件事。`,
  splitOut: (p: { no: number }) => `（从 #${p.no} 拆出来单独办）`,
  splitNone: (p: { no: number; text: string; count: number }) =>
    p.count
      ? `#${p.no} 里没找到「${p.text}」这一户。写反映人的名字，或者他说的几个字。`
      : `#${p.no} 没有别的邻居加入，不用拆分。`,
  splitDone: (p: { no: number; into: number; name: string; count: number }) =>
    `好的，${p.name} 的铃已从 #${p.no} 拆出，单独记为 #${p.into}；#${p.no} 现在 ${p.count} 户。`,
  splitHow: (p: { no: number }) =>
    `请写上拆出哪一户：拆分 ${p.no} 钱阿姨（名字），或 拆分 ${p.no} 302（他说的几个字）。`,
  mergeHow: () => '请写两个单号：合并 13 12（把 #13 并入 #12）。',
  mergeSelf: (p: { no: number }) => `#${p.no} 不能并入它自己。`,
  mergedIncident: (p: { no: number; into: number; count: number }) =>
    `🔁 #${p.no} 和 #${p.into} 是同一件事，已并入 #${p.into} 一起办，共 ${p.count} 户反映。`,
  mergeDone: (p: { no: number; into: number; count: number }) =>
    `好的，#${p.no} 已并入 #${p.into}，共 ${p.count} 户反映。`,
  privateText: () => '（私下求助，详情只给接单的志愿者）',
  privateNoted: (p: { no: number }) => `好的，已私下登记 #${p.no}：详情只给接单的志愿者，后面的进展我私聊告诉您。`,
  privateTooMany: () =>
    '刚才私下按铃比较多，这一条还没有登记。请等十分钟再发，或者用「补充 单号 内容」加到已经按的铃里。',
  proxyNotAllowed: () => '替别人按铃需要志愿者或社区专员来做。请邻居自己按铃，或者您按铃时写上是哪家的事。',
  unknownNeighbour: (p: { name: string }) =>
    `还不认识「${p.name}」：请${p.name}先在业主群里发一次「帮助」，或者请社区把${p.name}写进名单，再替${p.name}按铃。`,
  proxyRung: (p: { no: number; name: string }) => `好的，已替${p.name}按铃 #${p.no}，进展和验收都找${p.name}本人。`,
  verifyHow: (p: { no: string }) => `请说「满意 ${p.no}」或「不满意 ${p.no} 原因」。`,
  rotaUnknown: (p: { name: string }) => `没有找到志愿者「${p.name}」。发「排班 列表」看看有哪些人。`,
  bindInGroup: () => '请在要绑定的群里发「绑定 …」，这样我才知道是哪个群。',
  notClaimant: (p: { no: number; name?: string }) =>
    `#${p.no} ${p.name ? `是 ${p.name} 接的单` : '还没人接单'}，只有接单人可以更新。`,
  notReporter: (p: { no: number }) => `只有 #${p.no} 的提出人可以这样做。`,
  wrongState: (p: { no: number; status: string }) => `#${p.no} 现在是「${p.status}」，不能这样操作。`,
  ownCase: (p: { no: number }) => `#${p.no} 是您自己提的，我们记着呢。`,
  failed: () => '抱歉，刚才出了点问题，没有办成。请过一会儿再发一次。',

  /** case numbers as said in one message: #1、#2 */
  caseNos: (nos: number[]) => nos.map((n) => `#${n}`).join('、'),
  escalatedWider: (p: { nos: string }) => `⏰ ${p.nos} 还没人接单，已再次通知志愿者，请再耐心等一等。`,
  escalatedMorning: (p: { nos: string }) => `⏰ ${p.nos} 志愿者上班了，已通知他们，有人接单会告诉您。`,
  escalatedStaff: (p: { nos: string; staff: string }) => `⏰ ${p.nos} 还没人接单，已通知${p.staff}。`,
  escalatedCommittee: (p: { nos: string }) => `⏰ ${p.nos} 还没人接单，已报告议事会。`,
  moreCases: (p: { count: number }) => `……还有 ${p.count} 件，发「列表 未接单」查看`,
  escalationForStaff: (p: {
    no: number
    category: string
    place: string
    text: string
    waited: number
  }) => `⏰ #${p.no} ${p.category}·${p.place}：${p.text}
${minutes(p.waited)}没人接单，请帮忙安排（派单 ${p.no} @志愿者）`,
  escalationForCommittee: (p: {
    no: number
    category: string
    place: string
    text: string
    waited: number
  }) => `⏰ #${p.no} ${p.category}·${p.place}：${p.text}
${minutes(p.waited)}没人接单，请议事会关注。`,
  remindClaimer: (p: { no: number; text: string }) =>
    `⏰ #${p.no}（${p.text}）还在处理吗？有进展请回复「进展 ${p.no} 内容」，办好了回复「完成 ${p.no}」，接不了回复「放弃 ${p.no}」。`,
  staleForStaff: (p: { no: number; name: string; text: string; quiet: number }) =>
    `⏰ #${p.no}（${p.text}）由 ${p.name} 接单，已经${minutes(p.quiet)}没有进展，请关心一下`,
  remindVerify: (p: { no: number }) =>
    ` #${p.no} 办好了吗？请回复「满意 ${p.no}」或「不满意 ${p.no} 原因」。没有回复的话，过些时候会自动办结。`,
  autoClosed: (p: { no: number }) => `#${p.no} 没有收到回复，已自动办结。还有问题请重新按铃。`,

  offlineNotice: (p: { from: string; to: string }) =>
    `⚠️ 协商铃在 ${p.from} 到 ${p.to} 之间离线了，这段时间按的铃没有收到，请再按一次。给您添麻烦了！`,
  /** said in the group to someone the bot cannot write to privately yet (never pressed Start; not a WeChat friend) */
  openPrivateChat: (p: { no?: number; contact: boolean; friend?: boolean }) =>
    `我还没法私聊您：${p.friend ? '请加我为好友，再私聊我说一句「你好」' : '请点我的头像进私聊，按一下「开始」（Start）'}，${p.no === undefined ? '给您的私信' : p.contact ? `#${p.no} 居民的联系方式` : `关于 #${p.no} 的私信`}马上就发给您。🙏`,

  helpShort: (p: { role: string }) =>
    [
      p.role === 'anyone'
        ? '🔔 有问题发「按铃 问题」，比如：按铃 9幢2单元楼道灯坏了'
        : p.role === 'volunteer'
          ? '🔔 接单：回复「接单 12」或引用铃铛消息回「接」；进展 12 内容 · 完成 12 说明'
          : '🔔 派单 12 @志愿者 · 代王阿姨按铃 问题 · 列表 · 统计',
      p.role === 'anyone'
        ? '办好后回「满意」或「不满意 原因」；查进度发「进度 12」。完整说明已私聊发给您。'
        : '完整说明已私聊发给您。',
    ].join('\n'),
  howTo: () =>
    '🔔 按铃很简单：在业主群里发「按铃」加上问题，比如：按铃 9幢2单元楼道灯坏了\n不想让邻居看到，可以私聊我发「按铃 …」，只有接单的志愿者看得到。发「帮助」看全部。',
  helpHead: () => '🔔 协商铃 怎么用（英文命令也可以）',
  helpFoot: () => '单号就是 # 后面的数字。回复（引用）铃铛的消息时可以不写单号。',
  help: {
    ring: '按铃 问题描述 — 提出问题，如：按铃 9幢2单元楼道灯坏了 #物业；私聊我按铃或「私下按铃 …」只有接单人看得到；志愿者、专员可以「代王阿姨按铃 …」',
    status: '进度 12 — 查看进度',
    add: '补充 12 内容 — 补充说明',
    verify: '满意 12 / 不满意 12 原因 — 验收（只有一件等您验收时，说「满意」「不满意 原因」就行）',
    cancel: '撤销 12 — 不需要了',
    same: '同 12 — 我家也有这个问题（或引用铃铛的消息回「我家也是」）',
    again: '再按铃 12 又坏了 — 办结很久的问题又来了，新开一件',
    claim: '接单 12 — 接下这件事（或引用铃铛消息回复「接」）',
    note: '进展 12 内容 — 告诉居民进展',
    done: '完成 12 说明 — 办好了',
    release: '放弃 12 — 接不了，请别人帮忙',
    onduty: '值班 / 下班 — 今天开始或结束值班',
    // listed with 值班
    offduty: null,
    mine: '我的单 — 我手上的单子',
    myshifts: '我的班 — 我的排班',
    assign: '派单 12 @志愿者 — 指派',
    split: '拆分 12 钱阿姨 — 把错并进 #12 的一户拆出来单独办（写名字或他说的几个字）',
    merge: '合并 13 12 — 把 #13 并入 #12，算同一件事',
    accept: '受理 12 — 受理，通知志愿者',
    decline: '不受理 12 原因 — 不受理，告诉居民原因',
    refer: '转办 12 单位 [说明] — 交给派出所、物业公司、12345 等',
    referral: '转办结果 12 内容 — 记下对方的办理结果',
    list: '列表 [待受理|未接单|处理中|待验收|已转办|已办结|全部] [页] — 单子列表',
    stats: '统计 [今天|本周|上周|本月|上月|11月|全部] [9幢|物业|按楼栋|紧急|图] — 数字',
    report: '周报 — 上周的周周碰',
    export: '导出 [本月|上月|…] — 表格文件（CSV）',
    history: '记录 12 — 一件事的经过',
    rota: '排班 钱阿姨 周一至周五 08:00-20:00 / 排班 列表 — 管理排班',
    bind: '绑定 锦绣新村 9幢 业主 — 绑定本群',
    bindcode: '绑定码 钱阿姨 — 给志愿者一个绑定码，本人私聊机器人发「绑定码 123456」（微信必需）',
    help: '帮助 — 看这个说明',
    ...consultHelpZh,
    ...urgentHelpZh,
    // read from the phrasing data, not typed as commands
    howto: null,
    said: null,
    hazard: null,
  } satisfies Record<CommandName, string | null> as Record<CommandName, string | null>,
  helpSection: (who: string) =>
    ({
      anyone: '居民',
      volunteer: '志愿者',
      staff: '社区专员',
      committee: '议事会',
      admin: '管理员',
      reporter: '居民',
    })[who] ?? who,
}

export type Catalogue = typeof zhCN
