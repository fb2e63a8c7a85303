// A WeChat world for tests: wechaty-puppet-mock rooms and people, driven through the real wechaty
// API. Adds what the mock lacks: aliases in rooms (群昵称), a record of what the bot sent (with the
// mention ids wechaty passed), and a re-login that gives everyone new ids, as the web protocol does.
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { types } from 'wechaty'

type ContactMock = InstanceType<typeof mock.ContactMock>
type RoomMock = InstanceType<typeof mock.RoomMock>

export interface Sent {
  conversationId: string
  topic?: string
  text: string
  mentionIdList: string[]
  at: number
}

class RecordingPuppet extends PuppetMock {
  readonly roomAliases = new Map<string, string>() // `${roomId} ${contactId}` → alias
  readonly sent: Sent[] = []
  failNext = 0

  override async roomMemberRawPayload(roomId: string, contactId: string) {
    const payload = await super.roomMemberRawPayload(roomId, contactId)
    const roomAlias = this.roomAliases.get(`${roomId} ${contactId}`)
    return roomAlias ? { ...payload, roomAlias } : payload
  }

  override async messageSendText(conversationId: string, text: string, mentionIdList: string[] = []) {
    if (this.failNext > 0) {
      this.failNext--
      throw new Error('mock network down')
    }
    const topic = this.mocker.cacheRoomPayload.get(conversationId)?.topic
    this.sent.push({ conversationId, text, mentionIdList, at: Date.now(), ...(topic ? { topic } : {}) })
    return super.messageSendText(conversationId, text)
  }
}

export interface WorldSpec {
  bot: string
  rooms: Record<string, string[]>
  /** `room topic → person → alias in that room`. */
  aliases?: Record<string, Record<string, string>>
}

export class MockWorld {
  readonly mocker = new mock.Mocker()
  readonly puppet = new RecordingPuppet({ mocker: this.mocker })
  bot!: ContactMock
  readonly people = new Map<string, ContactMock>()
  readonly rooms = new Map<string, RoomMock>()

  constructor(private readonly spec: WorldSpec) {
    this.populate()
  }

  /** Creates everyone and every room with fresh ids (what a new web login looks like). */
  private populate(): void {
    this.people.clear()
    this.rooms.clear()
    this.bot = this.mocker.createContact({ name: this.spec.bot })
    const names = new Set(Object.values(this.spec.rooms).flat())
    for (const name of names) this.people.set(name, this.mocker.createContact({ name }))
    for (const [topic, members] of Object.entries(this.spec.rooms)) {
      const room = this.mocker.createRoom({
        topic,
        memberIdList: [this.bot.id, ...members.map((n) => this.person(n).id)],
      })
      this.rooms.set(topic, room)
      for (const [name, alias] of Object.entries(this.spec.aliases?.[topic] ?? {})) {
        const who = name === this.spec.bot ? this.bot : this.person(name)
        this.puppet.roomAliases.set(`${room.id} ${who.id}`, alias)
      }
    }
  }

  person(name: string): ContactMock {
    const p = this.people.get(name)
    if (!p) throw new Error(`no person ${name}`)
    return p
  }

  room(topic: string): RoomMock {
    const r = [...this.rooms.values()].find((x) => x.payload.topic === topic)
    if (!r) throw new Error(`no room ${topic}`)
    return r
  }

  login(): void {
    this.mocker.login(this.bot)
  }

  async logout(reason = 'mock logout'): Promise<void> {
    await this.puppet.logout(reason)
  }

  /**
   * What the next web login looks like: every contact and room gets a new id (names, topics and
   * aliases kept), then the bot logs in. Call after logout().
   */
  loginWithNewIds(): { oldRoomIds: string[]; newRoomIds: string[] } {
    const oldRoomIds = [...this.rooms.values()].map((r) => r.id)
    this.mocker.cacheContactPayload.clear()
    this.mocker.cacheRoomPayload.clear()
    this.puppet.roomAliases.clear()
    this.populate()
    this.login()
    return { oldRoomIds, newRoomIds: [...this.rooms.values()].map((r) => r.id) }
  }

  say(name: string, text: string, topic: string, mentions: string[] = []): void {
    const mentioned = mentions.map((n) => (n === this.spec.bot ? this.bot : this.person(n)))
    this.person(name).say(text, mentioned).to(this.room(topic))
  }

  direct(name: string, text: string): void {
    this.person(name).say(text).to(this.bot)
  }

  /** An image message, built as contact.say(FileBox) would, without needing file-box here. */
  image(name: string, topic: string): string {
    const id = `img-${Math.random().toString(36).slice(2)}`
    this.mocker.MessageMock.create({
      id,
      talkerId: this.person(name).id,
      roomId: this.room(topic).id,
      mentionIdList: [],
      timestamp: Date.now(),
      type: types.Message.Image,
    })
    this.puppet.emit('message', { messageId: id })
    return id
  }

  /** A voice message: a type the adapter must ignore. */
  voice(name: string, topic: string): void {
    const id = `voice-${Math.random().toString(36).slice(2)}`
    this.mocker.MessageMock.create({
      id,
      talkerId: this.person(name).id,
      roomId: this.room(topic).id,
      mentionIdList: [],
      timestamp: Date.now(),
      type: types.Message.Audio,
    })
    this.puppet.emit('message', { messageId: id })
  }

  rename(topic: string, to: string, by: string): void {
    this.room(topic).topic(to).by(this.person(by))
  }

  sentTo(topic: string): Sent[] {
    return this.puppet.sent.filter((s) => s.topic === topic)
  }

  /** Direct messages the bot sent to this person (under their current id). */
  sentToPerson(name: string): Sent[] {
    return this.puppet.sent.filter((s) => s.conversationId === this.person(name).id)
  }
}

export async function waitFor<T>(get: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = get()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
