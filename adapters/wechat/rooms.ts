// Where to send: a room by its topic, a contact by name. Web-protocol ids are only good until the
// next login, so ids are cached per login and looked up again by name after it.
import type { Contact, Room, Wechaty } from 'wechaty'

export class Directory {
  private rooms = new Map<string, Room>()
  /** Topic renames seen while running: messages queued for the old name still reach the group. */
  private readonly renames = new Map<string, string>()

  constructor(
    private readonly bot: () => Wechaty | undefined,
    /** Two groups with one topic cannot be told apart: say so (the README asks for unique names). */
    private readonly onAmbiguous: (topic: string, count: number) => void = () => undefined,
  ) {}

  /** Forget every id: called at login, when the old ones stopped meaning anything. */
  reset(): void {
    this.rooms.clear()
  }

  renamed(from: string, to: string, room: Room): void {
    this.renames.set(from, to)
    for (const [old, target] of this.renames) if (target === from) this.renames.set(old, to) // a → b → c
    this.renames.delete(to) // renamed back: the name is current again
    this.rooms.delete(from)
    this.rooms.set(to, room)
  }

  /** The topic a conversation id stands for now. */
  current(topic: string): string {
    return this.renames.get(topic) ?? topic
  }

  async room(topic: string): Promise<Room | undefined> {
    const bot = this.bot()
    if (!bot) return undefined
    const name = this.current(topic)
    const cached = this.rooms.get(name)
    if (cached) {
      // A rename we did not see (e.g. the event was lost) must not send to the wrong group.
      if ((await cached.topic().catch(() => undefined)) === name) return cached
      this.rooms.delete(name)
    }
    const all = await bot.Room.findAll({ topic: name })
    if (all.length > 1) this.onAmbiguous(name, all.length)
    const found = all[0]
    if (found) this.rooms.set(name, found)
    return found
  }

  /**
   * A person for a direct message, by the name we know them by: their WeChat name, the remark the
   * bot's account gave them, or (our user ids are names in a room) their alias in one of our rooms.
   */
  async contact(name: string): Promise<Contact | undefined> {
    const bot = this.bot()
    if (!bot) return undefined
    const direct = (await bot.Contact.find({ name })) ?? (await bot.Contact.find({ alias: name }))
    if (direct) return direct
    for (const room of await bot.Room.findAll()) {
      const member = await room.member({ roomAlias: name }).catch(() => undefined)
      if (member) return member
    }
    return undefined
  }

  /** A member of the room by the name the app knows: alias in the room first, then WeChat name. */
  async member(room: Room, name: string): Promise<Contact | undefined> {
    return (await room.member({ roomAlias: name })) ?? (await room.member({ name }))
  }
}
