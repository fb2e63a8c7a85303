// Where to send, and whether a room is the group its topic names. Web-protocol ids are only good until
// the next login, so a group is known by its topic — and a topic can be taken: another room renamed
// to it, or a new room given the same name. Within a login we know which room held a topic first
// (its holder); a room that shares its topic with another and is not the holder, or that took the
// topic by a rename, is reported as ambiguous and the app does not treat it as the bound group.
// (wechaty on wechat4u offers nothing steadier for a room: no owner, no id that survives a login.)
import type { Contact, Room, Wechaty } from 'wechaty'
import { nameOfId, tokenOfId } from './ids.js'
import type { Remarks } from './remarks.js'

export class Directory {
  /** topic → the room that holds it in this login */
  private rooms = new Map<string, Room>()
  /** Topic renames seen while running: messages queued for the old name still reach the group. */
  private readonly renames = new Map<string, string>()
  /** Rooms that took a topic by a rename in this login without being that group (room id → that topic). */
  private readonly strays = new Map<string, string>()
  /** direct chat id → the contact who last wrote in it (this login): a reply goes back to them. */
  private readonly talkers = new Map<string, Contact>()

  constructor(
    private readonly bot: () => Wechaty | undefined,
    private readonly remarks: Remarks,
    /** Two groups with one topic cannot be told apart: say so (the README asks for unique names). */
    private readonly onAmbiguous: (topic: string, count: number) => void = () => undefined,
  ) {}

  /** Forget every id: called at login, when the old ones stopped meaning anything. */
  reset(): void {
    this.rooms.clear()
    this.strays.clear()
    this.talkers.clear()
  }

  /** The topic a conversation id stands for now. */
  current(topic: string): string {
    return this.renames.get(topic) ?? topic
  }

  private async all(topic: string): Promise<Room[]> {
    const bot = this.bot()
    return bot ? bot.Room.findAll({ topic }) : []
  }

  /** The room that holds this topic: the one known to have had it first, or the only one with it. */
  private async holder(topic: string): Promise<{ room?: Room; count: number }> {
    const cached = this.rooms.get(topic)
    // A rename we did not see (e.g. the event was lost) must not send to the wrong group.
    if (cached && (await cached.topic().catch(() => undefined)) === topic) return { room: cached, count: 1 }
    this.rooms.delete(topic)
    const all = (await this.all(topic)).filter((r) => this.strays.get(r.id) !== topic)
    if (all.length === 1) this.rooms.set(topic, all[0]!)
    return { room: all.length === 1 ? all[0] : undefined, count: all.length }
  }

  /** The group's room, or undefined when there is none — or more than one and none is known to be it. */
  async room(topic: string): Promise<Room | undefined> {
    const name = this.current(topic)
    const { room, count } = await this.holder(name)
    if (!room && count > 1) this.onAmbiguous(name, count)
    return room
  }

  /** Whether several rooms answer to this topic and none is known to be the group (sending must wait). */
  async shared(topic: string): Promise<boolean> {
    const { room, count } = await this.holder(this.current(topic))
    return !room && count > 1
  }

  /** Whether this room may not be taken for the group its topic names. */
  async ambiguous(room: Room, topic: string): Promise<boolean> {
    // Still under the name it took (a message may come before the event of a later rename).
    if (this.strays.get(room.id) === topic) return true
    const others = (await this.all(topic)).filter((r) => r.id !== room.id)
    if (others.length === 0) {
      this.rooms.set(topic, room)
      return false
    }
    const { room: held } = await this.holder(topic)
    return held?.id !== room.id
  }

  /**
   * A room changed its topic. True when the group's binding should follow it (the room held the old
   * topic and the new one is its own); false when it took a name that is, or may be, another group's.
   */
  async renamed(from: string, to: string, room: Room): Promise<boolean> {
    const held = this.rooms.get(from)
    const othersFrom = (await this.all(from)).filter((r) => r.id !== room.id)
    const othersTo = (await this.all(to)).filter((r) => r.id !== room.id)
    const wasHolder = held ? held.id === room.id : this.strays.get(room.id) !== from && othersFrom.length === 0
    if (held?.id === room.id) this.rooms.delete(from)
    if (othersTo.length > 0) {
      // The rooms already called `to` keep it; this one is no one's group until it has a name of its own.
      if (othersTo.length === 1 && !this.rooms.has(to) && this.strays.get(othersTo[0]!.id) !== to)
        this.rooms.set(to, othersTo[0]!)
      this.strays.set(room.id, to)
      return false
    }
    this.strays.delete(room.id)
    this.rooms.set(to, room)
    // It shared its old name with another room: which group that name was, it cannot tell us.
    if (!wasHolder) return false
    this.renames.set(from, to)
    for (const [old, target] of this.renames) if (target === from) this.renames.set(old, to) // a → b → c
    this.renames.delete(to) // renamed back: the name is current again
    return true
  }

  /** The contact who wrote in this direct chat: a reply goes to them, not to someone with the same name. */
  talked(conversationId: string, contact: Contact): void {
    this.talkers.set(conversationId, contact)
  }

  /**
   * Whether a private message can reach this contact: WeChat delivers to friends only. Someone who wrote
   * to the bot privately can be answered whatever the flag says (the web protocol's flag is a bit in a
   * payload that room member lists may refresh without it).
   */
  reachable(conversationId: string, contact: Contact): boolean {
    return this.talkers.get(conversationId) === contact || contact.friend() !== false
  }

  /**
   * A person for a direct message. A bound id is found by our remark only. A name: the contact who
   * last wrote under it, else by WeChat name, the bot's remark, or their alias in one of our rooms —
   * among contacts that are not bound, since a bound person is reached by their own id only.
   */
  async contact(id: string): Promise<Contact | undefined> {
    const token = tokenOfId(id)
    if (token) return this.remarks.contact(token)
    const talker = this.talkers.get(id)
    if (talker) return talker
    const bot = this.bot()
    if (!bot) return undefined
    const name = nameOfId(id)
    const found =
      (await this.unbound(await bot.Contact.findAll({ name }))) ??
      (await this.unbound(await bot.Contact.findAll({ alias: name })))
    if (found) return found
    for (const room of await bot.Room.findAll()) {
      const member = await this.unbound(await room.memberAll({ roomAlias: name }).catch(() => []))
      if (member) return member
    }
    return undefined
  }

  /** A member of the room by the app's user id: a bound id by our remark, a name by alias in the room, then WeChat name. */
  async member(room: Room, id: string): Promise<Contact | undefined> {
    const token = tokenOfId(id)
    if (token) {
      const contact = await this.remarks.contact(token)
      return contact && (await room.has(contact)) ? contact : undefined
    }
    const name = nameOfId(id)
    return (
      (await this.unbound(await room.memberAll({ roomAlias: name }))) ??
      (await this.unbound(await room.memberAll({ name })))
    )
  }

  private async unbound(contacts: Contact[]): Promise<Contact | undefined> {
    for (const c of contacts) if (!(await this.remarks.tokenOf(c))) return c
    return undefined
  }
}
