// Everything a use case knows about the message it handles, and where it collects what to say.
import type { IncomingMessage } from '../chat/types.js'
import type { Locale } from '../domain/text.js'
import type { Catalogue } from '../i18n/index.js'
import { t as catalogue } from '../i18n/index.js'
import type { Directory, GroupRow, OutFile, PersonRow, Store, Tx } from './ports.js'
import { mention, type Part, type Post } from './posts.js'
import { memberById, type Audience } from './directory.js'

/** The write half of a use case: runs inside the transaction, after all reads are done. */
export type Plan = (tx: Tx) => Promise<void>

export class Ctx {
  readonly posts: Post[] = []
  /**
   * The handler answered the person privately on purpose, and nothing is to be said in the chat they
   * wrote in — not even "好的": neighbours must not see who answered a consultation (issue 14).
   */
  silentHere = false
  readonly t: Catalogue
  /** group posts are in the community's language; replies in the sender's */
  readonly groupT: Catalogue
  /** residents this message has looked up (the speaker, a case's reporter): the directory holds members only */
  private readonly residents = new Map<number, PersonRow>()

  constructor(
    readonly now: Date,
    readonly msg: IncomingMessage,
    readonly dir: Directory,
    readonly me: PersonRow,
    readonly locale: Locale,
    readonly group: GroupRow | undefined,
  ) {
    this.t = catalogue(locale)
    this.groupT = catalogue(dir.community.locale)
    this.residents.set(me.id, me)
  }

  person(id: number | null | undefined): PersonRow | undefined {
    return id == null ? undefined : (memberById(this.dir, id) ?? this.residents.get(id))
  }

  /** Looks up the people a case names who are not members (its reporter), before the transaction. */
  async load(store: Pick<Store, 'people'>, ...ids: (number | null)[]): Promise<void> {
    const missing = ids.filter((id): id is number => id !== null && !this.person(id))
    for (const p of await store.people([...new Set(missing)])) this.residents.set(p.id, p)
  }

  /** Everyone this message may mention or write to: the members and the residents looked up. */
  get everyone(): Audience {
    return { groups: this.dir.groups, people: this.dir.people, residents: [...this.residents.values()] }
  }

  /** Answer in the chat the message came from; in a group, address the sender by name. */
  reply(parts: Part[], opts: { caseId?: number; purpose?: string; file?: OutFile; fold?: Part[] } = {}): void {
    const c = this.msg.conversation
    const lead: Part[] = c.kind === 'group' ? [mention(this.me), ' '] : []
    this.posts.push({
      to: { chat: { platform: c.platform, chatId: c.id, kind: c.kind, threadId: c.threadId } },
      parts: [...lead, ...parts],
      replyTo: this.msg.key,
      purpose: opts.purpose ?? 'reply',
      caseId: opts.caseId,
      ...(opts.file ? { file: opts.file } : {}),
      // Folded with others (issue 12), the line still names whom it answers.
      ...(opts.fold && c.kind === 'group' ? { fold: [mention(this.me), ' ', ...opts.fold] } : {}),
    })
  }

  /** Whether anything collected so far will show in the chat the person wrote in. */
  saidHere(): boolean {
    const c = this.msg.conversation
    return this.posts.some((p) => {
      const to = p.to
      if ('chat' in to) return to.chat.platform === c.platform && to.chat.chatId === c.id
      if ('groupId' in to)
        return this.dir.groups.some(
          (g) => g.id === to.groupId && g.chats.some((x) => x.platform === c.platform && x.chatId === c.id),
        )
      return c.kind === 'direct' && to.personId === this.me.id
    })
  }

  /** Names of the groups told, for a confirmation where the person wrote. */
  groupsTold(): string[] {
    const ids = new Set(this.posts.flatMap((p) => ('groupId' in p.to ? [p.to.groupId] : [])))
    return this.dir.groups.filter((g) => ids.has(g.id)).map((g) => g.name)
  }

  toPerson(personId: number, parts: Part[], opts: Pick<Post, 'caseId' | 'purpose' | 'private' | 'file'>): void {
    // Only the sender is known to be on this platform right now; anyone else is reached where they last wrote.
    this.posts.push({
      to: personId === this.me.id ? { personId, platform: this.msg.conversation.platform } : { personId },
      parts,
      ...opts,
    })
  }
}
