// One live socket per tab (docs/api.md "Live updates"): opened when a page first subscribes,
// reconnected with back-off when it drops, closed a little after the last page unsubscribes.
import { onMounted, onUnmounted, ref } from 'vue'
import { liveSocketUrl, parseLiveFrame, type LivePresence, type LiveTicket } from '../api'

export type LiveState = 'idle' | 'connecting' | 'open' | 'retrying'

/** The parts of WebSocket this module uses (a fake in tests). */
export interface SocketLike {
  readyState: number
  onopen: ((ev: Event) => void) | null
  onmessage: ((ev: MessageEvent) => void) | null
  onclose: ((ev: CloseEvent) => void) | null
  onerror: ((ev: Event) => void) | null
  send(data: string): void
  close(code?: number): void
}

export interface LiveOptions {
  url: () => string
  open: (url: string) => SocketLike
  /** Waits before reconnect attempt n (1, 2, …): 1 s doubling to 30 s, ±20 % so tabs spread out. */
  backoff?: (attempt: number) => number
  /** How long the socket stays open after the last subscriber left (a page change re-subscribes). */
  lingerMs?: number
}

const OPEN = 1
export const TYPING_REFRESH_MS = 3000 // the server forgets typing after 8 s without a refresh
export const TYPING_IDLE_MS = 5000 // no keystroke for this long: stop saying we type

export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

export interface TicketHandlers {
  ticket?: (event: LiveTicket) => void
  /** After a reconnect: events may have been missed, so refresh what is shown. */
  reconnected?: () => void
}

export class Live {
  readonly state = ref<LiveState>('idle')
  private socket: SocketLike | null = null
  private attempts = 0
  private everOpen = false
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private lingerTimer: ReturnType<typeof setTimeout> | undefined
  private readonly ticketSubs = new Set<TicketHandlers>()
  private watched: { number: string; onPresence: (event: LivePresence) => void } | null = null
  private typingOn = false
  private typingSentAt = 0
  private typingIdle: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly options: LiveOptions) {}

  /** Ticket events of every ticket the agent may see. Returns the unsubscribe function. */
  subscribe(handlers: TicketHandlers): () => void {
    this.ticketSubs.add(handlers)
    this.ensureOpen()
    return () => {
      this.ticketSubs.delete(handlers)
      this.maybeClose()
    }
  }

  /** Says this tab shows ticket `number` and reports who is on it. One ticket at a time. */
  watch(number: string, onPresence: (event: LivePresence) => void): () => void {
    const entry = { number, onPresence }
    this.stopTyping()
    this.watched = entry
    this.ensureOpen()
    this.send({ type: 'watch', number })
    return () => {
      if (this.watched !== entry) return
      this.stopTyping()
      this.watched = null
      this.send({ type: 'unwatch' })
      this.maybeClose()
    }
  }

  /** Called on each keystroke (true) and on send or blur (false); throttled here. */
  typing(number: string, on: boolean): void {
    if (!this.watched || this.watched.number !== number) return
    if (!on) return this.stopTyping()
    clearTimeout(this.typingIdle)
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS)
    const now = Date.now()
    if (this.typingOn && now - this.typingSentAt < TYPING_REFRESH_MS) return
    if (this.send({ type: 'typing', number, typing: true })) {
      this.typingOn = true
      this.typingSentAt = now
    }
  }

  private stopTyping(): void {
    clearTimeout(this.typingIdle)
    if (!this.typingOn) return
    this.typingOn = false
    if (this.watched) this.send({ type: 'typing', number: this.watched.number, typing: false })
  }

  private send(frame: object): boolean {
    if (this.socket?.readyState !== OPEN) return false // sent again on (re)connect where it matters
    this.socket.send(JSON.stringify(frame))
    return true
  }

  private wanted(): boolean {
    return this.ticketSubs.size > 0 || this.watched !== null
  }

  private ensureOpen(): void {
    clearTimeout(this.lingerTimer)
    if (this.socket || this.retryTimer !== undefined) return
    this.connect()
  }

  private maybeClose(): void {
    if (this.wanted()) return
    clearTimeout(this.lingerTimer)
    this.lingerTimer = setTimeout(() => {
      if (this.wanted()) return
      clearTimeout(this.retryTimer)
      this.retryTimer = undefined
      const socket = this.socket
      this.socket = null
      this.everOpen = false
      this.state.value = 'idle'
      socket?.close(1000)
    }, this.options.lingerMs ?? 5000)
  }

  private connect(): void {
    this.retryTimer = undefined
    this.state.value = this.attempts ? 'retrying' : 'connecting'
    let socket: SocketLike
    try {
      socket = this.options.open(this.options.url())
    } catch {
      return this.retry()
    }
    this.socket = socket
    socket.onmessage = (ev) => this.receive(socket, String(ev.data))
    socket.onclose = () => {
      if (this.socket !== socket) return // closed on purpose
      this.socket = null
      this.typingOn = false
      if (this.wanted()) this.retry()
      else this.state.value = 'idle'
    }
    socket.onerror = () => {} // a close event follows; nothing to add
  }

  private retry(): void {
    this.attempts += 1
    this.state.value = 'retrying'
    const wait = (this.options.backoff ?? defaultBackoff)(this.attempts)
    this.retryTimer = setTimeout(() => this.connect(), wait)
  }

  private receive(socket: SocketLike, text: string): void {
    if (this.socket !== socket) return
    const frame = parseLiveFrame(text)
    if (!frame) return
    if (frame.type === 'hello') {
      const again = this.everOpen
      this.everOpen = true
      this.attempts = 0
      this.state.value = 'open'
      if (this.watched) this.send({ type: 'watch', number: this.watched.number })
      if (again) for (const s of [...this.ticketSubs]) s.reconnected?.()
    } else if (frame.type === 'ticket') {
      for (const s of [...this.ticketSubs]) s.ticket?.(frame)
    } else if (frame.type === 'presence') {
      if (this.watched && this.watched.number === frame.number) this.watched.onPresence(frame)
    } else if (frame.type === 'resync') {
      // Changes may have gone unheard: the same refetch as after a reconnect.
      for (const s of [...this.ticketSubs]) s.reconnected?.()
    }
    // `error` frames answer frames this client sent in a state the server did not share (e.g.
    // typing just after a reconnect): nothing to show.
  }
}

/** The tab's one connection. */
export const live = new Live({ url: liveSocketUrl, open: (url) => new WebSocket(url) })

/**
 * For a page that lists tickets: calls `refresh` (debounced) when any ticket changes or the socket
 * came back after a drop, while the calling component is mounted.
 */
export function useLiveRefresh(refresh: () => void, debounceMs = 800): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stop: (() => void) | undefined
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, debounceMs)
  }
  onMounted(() => {
    stop = live.subscribe({ ticket: later, reconnected: later })
  })
  onUnmounted(() => {
    clearTimeout(timer)
    stop?.()
  })
}
