// How residents and volunteers really type, as data (issue 10). The grammar (commands.ts) and its readers
// (rings.ts) read these lists; a maintainer who meets a new phrasing adds a word here and a line to the
// corpus (tests/domain/phrasing.corpus.txt), and nothing else. Every list is read one word at a time at a
// known position, never as one pattern, so a longer list costs a little more per message, never more per
// character.
//
// Words are compared after normalize(): full-width letters and digits folded, every run of spaces one space.

/** The bell itself. */
export const bell = {
  /**
   * Ringing it, said as a verb: 按铃 and the ways people type it — one character at a time with spaces
   * (按 铃 is accepted for every word here), with 一下/个 in the middle, pinyin near-typos (安铃, 按令),
   * traditional characters (按鈴), and 摁 (what some dialects press with).
   */
  verbs: [
    ...['按铃', '按鈴', '安铃', '安鈴', '按令', '摁铃', '摁鈴', '揿铃'],
    ...['按一下铃', '按下铃', '按个铃', '按一下鈴', '按一按铃'],
    ...['按协商铃', '按一下协商铃', '按下协商铃', '按協商鈴'],
  ],
  /** Its name, a noun: a ring only when a pause follows (协商铃：…), never in 协商铃真好用. */
  nouns: ['协商铃', '協商鈴', '协商鈴'],
  /** 【按铃】, [按铃] …: a bell word in brackets is a ring wherever it stands in the message. */
  brackets: [
    ['【', '】'],
    ['[', ']'],
    ['〔', '〕'],
    ['〖', '〗'],
    ['「', '」'],
    ['(', ')'],
    ['（', '）'],
    ['<', '>'],
    ['《', '》'],
  ] as const,
  /** Before the verb: 我要按铃，… / 我想按个铃 / 请按铃. */
  leadIns: ['我要', '我想', '我来', '想要', '想', '要', '请', '帮我', '帮忙', '麻烦', '我', '来', '再', '重新', '再来'],
  /**
   * Right after the verb, these make the message talk *about* the bell, not ring it: 按铃了吗,
   * 按铃这个功能挺好用的, 按铃怎么用. Spaces after the verb are skipped; a comma or colon is not.
   */
  about: [
    ...['了', '吗', '呢', '啊', '吧', '的', '过', '么', '嘛', '?', '？'],
    ...['怎', '咋', '如何', '什么', '多久', '之后', '以后', '的时候', '有用', '没用', '管用', '好用', '不管用'],
    ...['不好使', '不灵', '不行', '不会', '不知道'],
    ...['这个', '这功能', '功能', '真', '挺', '很', '太', '还', '也', '都', '就', '没', '是', '能', '可以', '成功'],
    ...['一次', '两次', '几次', '次'],
  ],
}

/**
 * Someone asking how the bell works (怎么按铃？ 这个机器人怎么用): answered with a short how-to. Read as
 * [before] (ask [use] [这个] subject | [这个] subject [要] ask use) [after], the whole message, so
 * 我昨天按铃了怎么还没人来 stays conversation.
 */
export const howTo = {
  before: [
    '请问一下',
    '请问',
    '问一下',
    '问下',
    '想问一下',
    '想问',
    '我想问',
    '谁知道',
    '大家好',
    '你好',
    '您好',
    '那个',
    '这个',
  ],
  asks: ['怎么样', '怎么', '怎样', '如何', '咋', '怎麼'],
  uses: ['使用', '用', '按', '操作', '弄', '玩', '找', '叫'],
  subjects: ['协商铃', '協商鈴', '按铃', '按鈴', '铃', '机器人', '機器人', '小程序', '群里的机器人'],
  after: ['啊', '呀', '呢', '哦', '的', '啊？', '?', '？', '。', '!', '！', '~'],
  /** Said to the bot (@bot, a direct message), the subject may be left out: 怎么用？ */
  english: ['how do i ring', 'how to ring', 'how do i use this', 'how to use this', 'how does this work', 'how to use'],
}

/**
 * Plain words that answer the bot, bound to the one case they can be about (issue 10): with a case
 * number or a quote of the bot's message they act on that case; without, the app finds the one case
 * waiting for this person (and asks which when there are several, and stays quiet when there is none).
 */
export interface PlainWords {
  /** the command they stand for, and the alias it is read as (满意 / 不满意 carry the verdict) */
  command: 'verify' | 'done' | 'claim'
  alias: string
  words: readonly string[]
  /**
   * What may follow the words: 'reason' any text (满意，谢谢钱阿姨 / 不满意 灯还是不亮), 'thanks' only
   * thanks and a name (修好了，谢谢 — but not 修好了没有), 'none' nothing but punctuation.
   */
  rest: 'reason' | 'thanks' | 'none'
  /** Without a number or a quote: 'context' finds the one case; 'quote' means it stays conversation. */
  bare: 'context' | 'quote'
  /** said by a volunteer with no verdict of their own to give, it means their one claim is done (修好了) */
  orDone?: true
  /** the words are themselves the reason (还没修好), kept in front of whatever follows */
  saysWhy?: true
}

export const plainWords: readonly PlainWords[] = [
  {
    command: 'verify',
    alias: '不满意',
    words: ['不满意', '不太满意', '很不满意', '非常不满意', '不是很满意', '不大满意'],
    rest: 'reason',
    bare: 'context',
  },
  {
    command: 'verify',
    alias: '不满意',
    words: ['没修好', '还没修好', '没有修好', '还是坏的', '还没好', '没解决', '还没解决', '没弄好', '还是不行'],
    rest: 'reason',
    bare: 'context',
    saysWhy: true,
  },
  {
    command: 'verify',
    alias: '满意',
    words: ['满意', '很满意', '非常满意', '挺满意', '蛮满意', '十分满意', '特别满意', '满意了', '太满意了'],
    rest: 'reason',
    bare: 'context',
  },
  {
    command: 'verify',
    alias: '满意',
    words: [
      ...['修好了', '已经修好了', '好了', '已经好了', '弄好了', '解决了', '已经解决了', '没问题了', '可以了'],
      // Not every job is a repair: rubbish taken away, a bulb changed, a drain cleared.
      ...['收好了', '收走了', '清理好了', '清理干净了', '换好了', '装好了', '通了', '修完了', '弄完了'],
    ],
    rest: 'thanks',
    bare: 'context',
    orDone: true,
  },
  {
    command: 'done',
    alias: '完成',
    words: ['完成了', '已完成', '已经完成', '办好了', '已办好', '办完了', '搞定了', '已搞定', '处理好了', '已处理'],
    rest: 'reason',
    bare: 'context',
  },
  {
    command: 'claim',
    alias: '接',
    words: [
      ...['我来', '我去', '我接', '我接了', '我去看看', '我去看一下', '交给我', '我来处理'],
      ...['收到，我去看看', '收到,我去看看', '收到 我去看看', '收到我去看看', '收到，我来', '收到,我来', '收到 我来'],
    ],
    rest: 'none',
    bare: 'quote',
  },
]

/** Thanks that may follow 修好了 (with a name after them: 谢谢钱阿姨). */
export const thanks = ['谢谢', '谢谢您', '谢谢你', '感谢', '多谢', '辛苦了', '辛苦', '麻烦了']

/** 我家也是 / +1 with a quote of the bell's message about a case: me too (同 N). */
export const meToo = ['我家也是', '我们家也是', '我家也一样', '我也一样', '我们也是', '同上', '+1', '＋1']

/**
 * Of those, the ones that speak for a household even without a quote (right after a neighbour's ring, a
 * resident rarely quotes): the bot asks whether they mean that ring. 我也一样 / +1 alone are everyday talk.
 */
export const meTooAlone = ['我家也是', '我们家也是', '我家也一样', '同上']

/**
 * A ring on a neighbour's behalf (代按铃): [proxy][name][verb] — 帮王阿姨按铃：…, 代严大伯按铃 … — or
 * [proxy][verb] name：… — 代按铃 王阿姨：…. The app checks the name is a person of the community.
 */
export const onBehalf = {
  proxies: ['代', '替', '帮', '为', '给'],
  /** 帮忙按铃, 帮我按铃, 替邻居按铃: not a name — the speaker rings */
  notNames: ['忙', '我', '我们', '大家', '一下', '邻居', '人', '家里', '老人'],
  maxName: 8,
}

/** A ring marked private: only the volunteer who takes it learns what it is and who rang. */
export const privately = {
  /** before the verb (私下按铃 …) or as the first word after it (按铃 私下：… / 按铃（私下）…) */
  marks: ['私下', '私信', '悄悄', '不公开', '匿名', 'private'],
}

/**
 * Yes, said alone right after the safety advice offered a volunteer (「要志愿者马上来，回复「按铃」就行」,
 * src/app/hazard.ts): from the person the advice answered, in that chat, within phrasing.hazardRingWithin,
 * the words they said are rung. From anyone else, or later, they stay conversation. 好 / 好的 / 知道了 are
 * not among them: they take the advice (I will open the window), they do not ask anyone to come.
 */
export const hazardYes: readonly string[] = ['要', '要的', '需要', '要人来', '按', '按吧']

/** The bot's names people type after @ when they do not pick it from the list; a community adds its own. */
export const defaultBotAliases = ['机器人', '協商鈴', '协商铃', '铃铛']
