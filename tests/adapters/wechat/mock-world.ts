// A WeChat world for tests: wechaty-puppet-mock rooms and people, driven through the real wechaty
// API. Adds what the mock lacks: aliases in rooms (群昵称), the bot's remarks (备注) on its friends —
// kept by WeChat across logins, refused for strangers, or (as the web protocol often does) accepted
// and not kept —, people renaming themselves, a record of what the bot sent (with the mention ids
// wechaty passed), and a re-login that gives everyone new ids, as the web protocol does.
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

/** A file the bot sent (an export, a chart). */
export interface SentFile {
  conversationId: string
  topic?: string
  name: string
  data: Buffer
}

class RecordingPuppet extends PuppetMock {
  readonly roomAliases = new Map<string, string>() // `${roomId} ${contactId}` → alias
  readonly sent: Sent[] = []
  readonly files: SentFile[] = []
  failNext = 0
  /** The nth text from now fails once (WeChat's "send failed" in the middle of a burst); 0: none. */
  failNth = 0
  /** false: WeChat answers OK to a remark and does not keep it (wechaty/puppet-wechat4u#74) */
  remarksStick = true
  /** who each contact id is in the world (names change, ids change at login; this does not) */
  readonly whoIs = new Map<string, string>()
  /** the bot account's remarks, by person: WeChat keeps them across logins */
  readonly remarks = new Map<string, string>()
  readonly remarkCalls: { who: string; remark: string }[] = []
  /** friend requests people sent the bot, by friendship id */
  readonly requests = new Map<
    string,
    { id: string; contactId: string; hello: string; type: number; timestamp: number }
  >()

  override async friendshipRawPayload(id: string) {
    return this.requests.get(id) ?? { id }
  }

  override async friendshipAccept(id: string): Promise<void> {
    const request = this.requests.get(id)
    const payload = request && this.mocker.cacheContactPayload.get(request.contactId)
    if (!payload) throw new Error(`no friend request ${id}`)
    payload.friend = true
    await this.contactPayloadDirty(request.contactId)
  }

  override async contactAlias(contactId: string): Promise<string>
  override async contactAlias(contactId: string, alias: string | null): Promise<void>
  override async contactAlias(contactId: string, alias?: string | null): Promise<string | void> {
    const payload = this.mocker.cacheContactPayload.get(contactId)
    if (alias === undefined) return payload?.alias ?? ''
    if (!payload) throw new Error(`no contact ${contactId}`)
    // Only friends have remarks; WeChat answers anything else with an error.
    if (!payload.friend) throw new Error('webwxoplog: Ret 1 (not a friend)')
    const who = this.whoIs.get(contactId) ?? contactId
    this.remarkCalls.push({ who, remark: alias ?? '' })
    if (!this.remarksStick) return
    this.remarks.set(who, alias ?? '')
    payload.alias = alias ?? undefined
    await this.contactPayloadDirty(contactId)
  }

  override async roomMemberRawPayload(roomId: string, contactId: string) {
    const payload = await super.roomMemberRawPayload(roomId, contactId)
    const roomAlias = this.roomAliases.get(`${roomId} ${contactId}`)
    return roomAlias ? { ...payload, roomAlias } : payload
  }

  override async messageSendFile(conversationId: string, file: Parameters<PuppetMock['messageSendFile']>[1]) {
    const topic = this.mocker.cacheRoomPayload.get(conversationId)?.topic
    this.files.push({ conversationId, name: file.name, data: await file.toBuffer(), ...(topic ? { topic } : {}) })
    // Kept here, not echoed into the mock's rooms: the mock turns what it is given into a message of its own.
    return undefined
  }

  override async messageSendText(conversationId: string, text: string, mentionIdList: string[] = []) {
    const nth = this.failNth > 0 && --this.failNth === 0
    if (this.failNext > 0 || nth) {
      if (this.failNext > 0) this.failNext--
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
  /** People who are not the bot's friends (everyone else is). */
  strangers?: string[]
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
    this.puppet.whoIs.clear()
    this.bot = this.mocker.createContact({ name: this.spec.bot })
    const names = new Set(Object.values(this.spec.rooms).flat())
    for (const name of names) {
      const contact = this.mocker.createContact({
        name: this.shownNames.get(name) ?? name,
        alias: this.puppet.remarks.get(name),
        friend: !this.spec.strangers?.includes(name),
      })
      this.people.set(name, contact)
      this.puppet.whoIs.set(contact.id, name)
    }
    for (const [topic, members] of Object.entries(this.spec.rooms)) {
      const room = this.mocker.createRoom({
        topic: this.topics.get(topic) ?? topic,
        memberIdList: [this.bot.id, ...members.map((n) => this.person(n).id)],
      })
      this.rooms.set(topic, room)
      const aliases = { ...this.spec.aliases?.[topic], ...this.roomAliasesSet.get(topic) }
      for (const [name, alias] of Object.entries(aliases)) {
        const who = name === this.spec.bot ? this.bot : this.person(name)
        this.puppet.roomAliases.set(`${room.id} ${who.id}`, alias)
      }
    }
  }

  /** What people changed about themselves and their rooms: kept by WeChat across a re-login. */
  private readonly shownNames = new Map<string, string>()
  private readonly topics = new Map<string, string>()
  private readonly roomAliasesSet = new Map<string, Record<string, string>>()

  /** Someone changes their WeChat name (e.g. to an admin's). They stay who they are in the world. */
  async renamePerson(name: string, to: string): Promise<void> {
    const contact = this.person(name)
    contact.payload.name = to
    this.shownNames.set(name, to)
    await this.puppet.contactPayloadDirty(contact.id)
  }

  /** Someone sets their alias in one room (群昵称). */
  async setRoomAlias(topic: string, name: string, alias: string): Promise<void> {
    const room = this.rooms.get(topic) ?? this.room(topic)
    const key = [...this.rooms.entries()].find(([, r]) => r === room)![0]
    this.roomAliasesSet.set(key, { ...this.roomAliasesSet.get(key), [name]: alias })
    this.puppet.roomAliases.set(`${room.id} ${this.person(name).id}`, alias)
    await this.puppet.roomMemberPayloadDirty(room.id)
  }

  /** Someone adds the bot as a friend (a request the bot may accept). */
  befriend(name: string): void {
    const id = `friendship-${this.puppet.requests.size + 1}`
    const contactId = this.person(name).id
    this.puppet.requests.set(id, { id, contactId, hello: '我是志愿者', type: types.Friendship.Receive, timestamp: 0 })
    this.puppet.emit('friendship', { friendshipId: id })
  }

  /** The operator types a remark on the bot's phone: WeChat keeps it. */
  async setRemark(name: string, remark: string): Promise<void> {
    const contact = this.person(name)
    contact.payload.alias = remark
    this.puppet.remarks.set(name, remark)
    await this.puppet.contactPayloadDirty(contact.id)
  }

  /** Another room the bot is in (e.g. a new one someone named like a bound group), under a world key. */
  addRoom(key: string, topic: string, members: string[]): RoomMock {
    for (const name of members)
      if (!this.people.has(name)) {
        const contact = this.mocker.createContact({ name })
        this.people.set(name, contact)
        this.puppet.whoIs.set(contact.id, name)
      }
    this.spec.rooms[key] = members
    this.topics.set(key, topic)
    const room = this.mocker.createRoom({
      topic,
      memberIdList: [this.bot.id, ...members.map((n) => this.person(n).id)],
    })
    this.rooms.set(key, room)
    return room
  }

  /** A room by the key it was made under (its first topic), whatever it is called now. */
  roomByKey(key: string): RoomMock {
    const r = this.rooms.get(key)
    if (!r) throw new Error(`no room ${key}`)
    return r
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
    this.renameRoom(this.room(topic), to, by)
  }

  /** Renames a room found by its world key: the way to reach one of two rooms with one topic. */
  renameByKey(key: string, to: string, by: string): void {
    this.renameRoom(this.roomByKey(key), to, by)
  }

  private renameRoom(room: RoomMock, to: string, by: string): void {
    const key = [...this.rooms.entries()].find(([, r]) => r === room)?.[0]
    if (key) this.topics.set(key, to)
    room.topic(to).by(this.person(by))
  }

  /** Says something in a room found by its world key. */
  sayIn(key: string, name: string, text: string): void {
    this.person(name).say(text).to(this.roomByKey(key))
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
