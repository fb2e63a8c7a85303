// 中文：住户登记、帮扶清单、征询和投票、公示（issue 14）。并入 zh-CN.ts 的目录。
import type { Basis, Kind, Unit } from '../domain/consultation.js'
import type { Need } from '../domain/household.js'

const u = (unit: Unit) => (unit === 'household' ? '户' : '人')
const needName: Record<Need, string> = { 高龄: '高龄', 独居: '独居', 行动不便: '行动不便', 孕妇: '孕妇', 病患: '病患' }
const answerHint = (options: readonly string[]) =>
  options.length === 2 && options[0] === '同意'
    ? `「${options[0]}」或「${options[1]}」（也可以回 1 或 2）`
    : `选项的编号或名字（如「1」或「${options[0]}」）`

export const consultZh = {
  // ---- 住户 ----
  needName: (n: Need) => needName[n] ?? n,
  unknownBuilding: (p: { building: string; known: string }) => `没有找到${p.building}。已有的楼栋：${p.known}`,
  whichEstate: (p: { estates: string }) =>
    `好几个小区都有这个楼号，请写上小区名，比如：登记 ${p.estates.split('、')[0]}9幢2单元301`,
  registerHow: () => '登记您家，请发：登记 9幢2单元301（楼栋、单元、房号）。',
  householdMine: (p: { place: string; confirmed: boolean }) =>
    `您家登记的是 ${p.place}${p.confirmed ? '，社区已确认。' : '，正在等社区确认。'}`,
  registered: (p: { place: string; confirmed: boolean; moved: boolean }) =>
    `🏠 好的，${p.moved ? '已改为' : '已登记'}您家：${p.place}。${p.confirmed ? '征询的时候，您家就可以回答了。' : '社区确认后，征询的时候您家就可以回答了。'}`,
  registeredOthers: (p: { place: string; members: string[]; roster: string[] }) =>
    `🏠 ${p.place}：${[...p.members.map((n) => `${n}（已确认）`), ...p.roster.map((n) => `${n}（记在名册上）`)].join('、') || '已登记'}`,
  registrationConfirmed: (p: { place: string }) => `🏠 您家（${p.place}）的登记社区已经确认了，谢谢您！`,
  pendingHead: (p: { count: number }) => `🏠 有 ${p.count} 位居民登记了住户，等您确认：`,
  pendingLine: (p: { name: string; place: string }) => `· ${p.name} → ${p.place}`,
  pendingHow: () => '回复「确认登记 名字」或「确认登记 9幢2单元301」，全部没问题就回复「确认登记 全部」。',
  nonePending: () => '现在没有等确认的登记。',
  notPending: (p: { who: string }) => `「${p.who}」没有等确认的登记。发「确认登记」看看有哪些。`,
  confirmedHead: (p: { count: number }) => `✅ 已确认 ${p.count} 位：`,
  sentPrivately: () => '已私聊发给您。',
  importHow: () =>
    '导入住户：私聊我发「导入住户」，后面每行一户：户,姓名,帮扶,备注。比如：\n导入住户\n9幢2单元301,王阿姨、王伯伯,独居 高龄,住4楼无电梯\n9幢2单元302,严大伯\n（一条消息约60行，多的分几条发。）',
  importNothing: (p: { lines: string }) =>
    `没有读到住户。${p.lines ? `第 ${p.lines} 行没看懂。` : ''}每行请写成：9幢2单元301,姓名,帮扶,备注`,
  imported: (p: { count: number; added: number; withNeeds: number; bad: string }) =>
    `✅ 导入了 ${p.count} 户（新增 ${p.added} 户），其中 ${p.withNeeds} 户登记了帮扶需要。${p.bad ? `第 ${p.bad} 行没看懂，没有导入。` : ''}`,

  // ---- 帮扶清单 ----
  needsHow: () =>
    '记录帮扶需要：帮扶 9幢2单元301 独居 高龄 备注（可写：高龄、独居、行动不便、孕妇、病患，其他写在备注里）。清除：帮扶 9幢2单元301 清除',
  needsSaved: (p: { place: string; needs: string[]; notes: string }) =>
    p.needs.length || p.notes
      ? `🤝 已记下 ${p.place}：${[p.needs.join('、'), p.notes].filter(Boolean).join('；')}。只有社区专员和上门帮忙的志愿者看得到。`
      : `🤝 已清除 ${p.place} 的帮扶记录。`,
  unknownPlace: (p: { place: string }) => `没有找到「${p.place}」，请写成 9幢、9幢2单元，或者「全部」。`,
  needsHead: (p: { where: string; count: number }) => `🤝 帮扶清单（${p.where}，${p.count} 户）`,
  needsLine: (p: { place: string; needs: string[]; notes: string; names: string[] }) =>
    `· ${p.place} ${p.needs.join('、')}${p.notes ? `；${p.notes}` : ''}${p.names.length ? `（${p.names.join('、')}）` : ''}`,
  needsNone: (p: { where: string }) => `🤝 ${p.where} 还没有登记帮扶需要的住户。`,
  needsYours: () => '您正在帮的住户：',
  needsCount: (p: { place: string; counts: string }) => `${p.place}：${p.counts}`,
  needCount: (p: { need: string; count: number }) => `${p.need} ${p.count} 户`,
  needsNotYours: () => '帮扶清单只有社区专员和志愿者能看。家里需要帮忙，请按铃或联系社区专员。',
  needsAskStaff: () => '（其他住户的详情请问社区专员。）',

  // ---- 征询、投票 ----
  consultLabel: (kind: Kind, no: number) => `【${kind === 'consult' ? '征询' : '投票'} ${no}】`,
  defaultOptions: () => ['同意', '反对'],
  everywhere: (_p: { name: string }) => '全小区',
  optionCount: (p: { option: string; count: number; unit: Unit }) => `${p.option} ${p.count} ${u(p.unit)}`,
  thresholdText: (p: {
    basis: Basis
    share?: string
    count?: number
    covered?: number
    needed?: number
    unit: Unit
    option?: string
  }) => {
    const what = p.option ? `「${p.option}」` : '得票最多的选项'
    const part = p.share ?? '一半以上'
    if (p.basis === 'count') return `${what}至少 ${p.count} ${u(p.unit)}`
    if (p.basis === 'covered')
      return `${what}达到全体${p.covered ? ` ${p.covered} ` : ''}${u(p.unit)}的${part}${p.needed ? `（${p.needed} ${u(p.unit)}）` : ''}`
    return `${what}占答复的${part}`
  },
  announce: (p: {
    kind: Kind
    label: string
    title: string
    detail: string
    options: string[]
    unit: Unit
    threshold?: string
    deadline: string
  }) =>
    [
      `${p.kind === 'consult' ? '📋' : '🗳'}${p.label}${p.title}`,
      ...(p.detail ? [p.detail] : []),
      ...(p.kind === 'poll' || p.options.length !== 2 || p.options[0] !== '同意'
        ? p.options.map((o, i) => `${i + 1}. ${o}`)
        : []),
      `请${p.unit === 'household' ? '每户回答一次' : '每人投一票'}：直接在群里回复${answerHint(p.options)}，私聊我也行；改主意了，再回一次就行。`,
      ...(p.threshold ? [`通过标准：${p.threshold}。`] : []),
      `截止：${p.deadline}。谁选了什么只有社区看得到，群里只公布总数。`,
    ].join('\n'),
  consultOpened: (p: { label: string; groups: string; deadline: string; covered?: number; unit: Unit }) =>
    `✅ ${p.label}已发到${p.groups}，截止 ${p.deadline}。${p.covered ? `共 ${p.covered} ${u(p.unit)}。` : ''}`,
  caseToConsultation: (p: { no: number; label: string }) =>
    `📋 #${p.no} 需要大家一起拿主意，已发起${p.label}，结果出来后在这里告诉您。`,
  caseAlreadyConsulted: (p: { no: number }) => `#${p.no} 已经有一项征询在进行了，结束后再发起新的。`,
  noGroupCovers: (p: { places: string }) => `${p.places}还没有绑定的业主群，发不出去。请先在业主群里「绑定」。`,
  needTotal: (p: { unit: Unit }) =>
    `还没有登记的住户，算不出「全体」的比例。请先「导入住户」，或者写上总数，比如：共434${u(p.unit)}。`,
  consultHow: () =>
    '发起征询：征询 拆除9幢北侧围墙 范围 9幢 门槛 全体77% 截止 11月10日18:00（选项默认 同意、反对；还可以写：选项、共434户、每人一票、#12 关联单子）',
  pollHow: () => '发起投票：发起投票 墙绘还是道路铺装 选项 墙绘、道路铺装 截止 3天（还可以写：范围、门槛、每人一票）',
  needOptions: () => '投票至少要两个选项，比如：选项 墙绘、道路铺装',
  tooManyOptions: (p: { max: number }) => `选项太多了，最多 ${p.max} 个。`,
  sameOptions: () => '有两个选项一样，请改一下。',
  badThreshold: (p: { text: string }) => `没看懂门槛「${p.text}」，可以写：77%、2/3、过半、全体77%、答复的2/3、30户。`,
  badDeadline: (p: { text: string }) => `没看懂截止「${p.text}」，可以写：3天、明天18:00、周五18:00、11月10日18:00。`,
  deadlinePast: () => '截止时间太近了（或已经过了），请至少留出十分钟。',
  deadlineFar: (p: { days: number }) => `截止时间太远了，最多 ${p.days} 天。`,
  noneLive: () => '现在没有进行中的征询或投票。',
  liveLine: (p: { label: string; title: string; options: string[]; deadline: string }) =>
    `${p.label}${p.title}（${p.options.map((o, i) => `${i + 1} ${o}`).join(' / ')}，截止 ${p.deadline}）`,
  whichOne: (p: { list: string }) => `现在有几项在进行，请引用那条通知回复，或者说「投票 1 同意」：\n${p.list}`,
  howToAnswer: (p: { label: string; options: string[] }) =>
    `${p.label}请回复：${p.options.map((o, i) => `${i + 1} ${o}`).join(' / ')}（写编号或名字都行）`,
  unknownConsultation: (p: { no: number }) => `没有找到第 ${p.no} 项征询，请核对一下编号。`,
  consultClosed: (p: { label: string }) => `${p.label}已经截止了，谢谢您！结果已在群里公布。`,
  needRegister: (p: { label: string }) =>
    `要回答${p.label}，请先登记您家，比如：登记 9幢2单元301。登记好后再回答一次。`,
  notCovered: (p: { label: string; places: string; unit: Unit }) =>
    `${p.label}只请 ${p.places} 的${p.unit === 'household' ? '住户' : '居民'}回答，谢谢您的关心！`,
  voteTaken: (p: {
    how: 'new' | 'changed' | 'same'
    label: string
    title: string
    option: string
    place?: string
    pending: boolean
    deadline: string
  }) => {
    const who = p.place ? `您家（${p.place}）` : '您'
    const head =
      p.how === 'same'
        ? `${who}对${p.label}已经回答过「${p.option}」了，不用再回。`
        : p.how === 'changed'
          ? `✅ 已改好：${who}对${p.label}${p.title} 的回答现在是「${p.option}」。`
          : `✅ 收到！${who}对${p.label}${p.title} 的回答：${p.option}。截止（${p.deadline}）前想改，再回一次就行。`
    return p.pending ? `${head}\n您家的登记还在等社区确认，确认后这一票才算数。` : head
  },
  progress: (p: {
    label: string
    title: string
    answered: number
    covered?: number
    turnout?: number
    counts: string
    unit: Unit
    deadline: string
  }) =>
    `📋${p.label}${p.title} 进度：已答复 ${p.answered}${p.covered ? `/${p.covered}` : ''} ${u(p.unit)}${p.turnout !== undefined ? `（${p.turnout}%）` : ''} · ${p.counts}。${p.deadline} 截止。`,
  consultReminder: (p: {
    label: string
    title: string
    answered: number
    covered?: number
    unit: Unit
    options: string[]
    deadline: string
  }) =>
    `⏰${p.label}${p.title} ${p.deadline} 截止，已答复 ${p.answered}${p.covered ? `/${p.covered}` : ''} ${u(p.unit)}。还没回答的邻居，请回复${answerHint(p.options)}。`,
  result: (p: {
    label: string
    title: string
    counts: string
    answered: number
    covered?: number
    turnout?: number
    unit: Unit
    threshold?: string
    met?: boolean
    short?: number
    leader?: string
    tie?: string[]
    pending: number
  }) =>
    [
      `📋${p.label}结果：${p.title}`,
      `${p.counts}（答复 ${p.answered}${p.covered ? `/${p.covered}` : ''} ${u(p.unit)}${p.turnout !== undefined ? `，${p.turnout}%` : ''}）`,
      ...(p.tie ? [`平票：${p.tie.join('、')}`] : p.leader ? [`得票最多：${p.leader}`] : []),
      p.threshold
        ? `通过标准：${p.threshold} → ${p.met ? '✅ 通过' : `未通过${p.short ? `（还差 ${p.short} ${u(p.unit)}）` : ''}`}`
        : '（没有设通过标准）',
      ...(p.pending ? [`另有 ${p.pending} 户登记待确认，没有计入。`] : []),
      '谢谢各位邻居！',
    ].join('\n'),
  resultForCommittee: (p: { no: number }) => `发「征询名单 ${p.no}」私聊查看每户的回答和没答复的住户。`,
  needConsultNo: (p: { example: string }) => `请写上征询的编号，比如：${p.example}`,
  consultListHead: () => '📋 征询和投票：',
  consultListEmpty: () => '📋 还没有征询或投票。',
  consultListLine: (p: { label: string; title: string; open: boolean; deadline: string; met?: boolean }) =>
    `${p.label}${p.title} · ${p.open ? `进行中，截止 ${p.deadline}` : `已结束${p.met === true ? ' ✅ 通过' : p.met === false ? ' 未通过' : ''}`}`,
  voteListHead: (p: { label: string; title: string; answered: number; silent: number; unit: Unit }) =>
    `📋${p.label}${p.title}：已答复 ${p.answered} ${u(p.unit)}${p.silent ? `，未答复 ${p.silent} 户` : ''}（可复制到表格存档）`,
  voteListColumns: () => ({
    household: '户',
    answer: '回答',
    by: '回答人',
    at: '时间',
    changes: '改过几次',
    counted: '计入',
    yes: '是',
    pendingConfirm: '登记待确认',
    none: '未答复',
  }),
  decisionSummary: (p: { label: string; adopted: boolean; leader?: string }) =>
    p.leader && p.adopted ? `${p.label}选定「${p.leader}」` : `${p.label}${p.adopted ? '通过' : '未通过'}`,
  decidedGoesOn: (p: { no: number; summary: string; name: string }) =>
    `📋 #${p.no} 议事结果：${p.summary}。${p.name ? `${p.name} 会接着办。` : '接着办理。'}`,
  decidedForClaimant: (p: { no: number; summary: string }) =>
    `📋 #${p.no} 议事结果：${p.summary}。请您接着办，有进展回复「进展 ${p.no} 内容」。`,
  decidedToVolunteers: (p: { no: number; summary: string }) => `📋 #${p.no} 议事结果：${p.summary}。正在请志愿者来办。`,
  decidedNotAdopted: (p: { no: number; summary: string }) => `📋 #${p.no} 议事结果：${p.summary}，这件事先不办了。\n`,

  // ---- 议事 ----
  deliberating: (p: { no: number }) => `📋 #${p.no} 需要大家一起拿主意，已转议事会。有结果会在群里告诉您。`,
  deliberatingCommittee: (p: { no: number; place: string; text: string }) =>
    `📋 #${p.no} 转议事（${p.place}）：${p.text}\n发「征询 标题 范围 ${p.place} 门槛 … #${p.no}」请居民表决。`,
  deliberatingClaimant: (p: { no: number }) => `📋 #${p.no} 转议事了，先等大家的决定，结果出来会告诉您。`,

  // ---- 公示、通知 ----
  noticeLabel: (label: string, no: number) => `【${label} ${no}】`,
  noticeHow: () => '发公示：公示 9幢 置顶 电梯更换工程（第一行是标题，下面几行是正文；不写楼栋就发到所有业主群）',
  noticePost: (p: { label: string; title: string; body: string }) =>
    `📌${p.label}${p.title}${p.body ? `\n${p.body}` : ''}`,
  noticePosted: (p: { label: string; groups: string; pinned: boolean }) =>
    `✅ ${p.label}已发到${p.groups}。${p.pinned ? '已请求置顶：Telegram 群要让机器人当管理员才能置顶；微信不能由机器人置顶，可以在群里手动设成群公告。' : ''}`,
  noticeTouches: (p: { label: string; title: string; counts: string }) =>
    `🤝${p.label}${p.title}：涉及的住户里有需要帮扶的——\n${p.counts}\n请志愿者多留意。社区专员私聊我发「帮扶清单」可看是哪几户。`,
  unknownNotice: (p: { no: number }) => `没有找到第 ${p.no} 条公示。发「公示 列表」看看。`,
  noticeUpdateHow: (p: { no: number }) =>
    `追加：公示 ${p.no} 施工动态 今天完成拆除；公示 ${p.no} 资金流向 支出 12,800元 材料费`,
  updateKind: (k: string) => ({ 施工动态: '施工动态', 资金流向: '资金流向', 更新: '更新' })[k] ?? k,
  noticeUpdate: (p: {
    label: string
    title: string
    kind: string
    text: string
    totals?: { income: string; spent: string; balance: string }
  }) =>
    `📌${p.label}${p.title} · ${p.kind}：${p.text}${p.totals ? `\n累计：收入 ${p.totals.income} · 支出 ${p.totals.spent} · 结余 ${p.totals.balance}` : ''}`,
  noticeMeta: (p: { at: string; places: string }) => `（${p.at} 发到 ${p.places}）`,
  noticeUpdateLine: (p: { at: string; kind: string; text: string }) => `· ${p.at} ${p.kind}：${p.text}`,
  fundTotals: (p: { income: string; spent: string; balance: string }) =>
    `资金累计：收入 ${p.income} · 支出 ${p.spent} · 结余 ${p.balance}`,
  noticeListEmpty: () => '📌 还没有公示。',
  noticeListHead: (p: { count: number }) => `📌 公示列表（最近 ${p.count} 条）：`,
  noticeListLine: (p: { label: string; title: string; at: string; updates: number; places: string }) =>
    `${p.label}${p.title}（${p.at} · ${p.places}${p.updates ? ` · ${p.updates} 条更新` : ''}）`,
  noticeListFoot: () => '发「公示 3」看全文。',
}

export const consultHelpZh = {
  register: '登记 9幢2单元301 — 登记您家（征询时每户回答一次）',
  vote: '同意 / 反对 / 2 — 回答群里正在进行的征询（或「投票 1 同意」）',
  notice: '公示 列表 / 公示 3 — 看公示（议事会发公示：公示 9幢 置顶 标题，追加：公示 3 资金流向 …）',
  needs: '帮扶 9幢2单元301 独居 高龄 — 记录帮扶需要（只有社区看得到）',
  needslist: '帮扶清单 [9幢] — 私聊查看帮扶清单',
  confirm: '确认登记 [名字|全部] — 确认居民登记的住户',
  import: '导入住户 — 私聊发住户名册（户,姓名,帮扶,备注）',
  deliberate: '议事 12 — 这件事要大家拿主意，先转议事',
  consult: '征询 标题 范围 9幢 门槛 全体77% 截止 3天 — 入户征询；征询 3 看进度',
  poll: '发起投票 标题 选项 A、B 截止 3天 — 投票',
  close: '结束 3 — 提前结束征询，公布结果',
  votes: '征询名单 3 — 私聊查看每户的回答（可存档）',
}
