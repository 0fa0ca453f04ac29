import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Live, type SocketLike, TYPING_IDLE_MS } from './live'

class FakeSocket implements SocketLike {
  readyState = 0
  sent: unknown[] = []
  onopen: SocketLike['onopen'] = null
  onmessage: SocketLike['onmessage'] = null
  onclose: SocketLike['onclose'] = null
  onerror: SocketLike['onerror'] = null
  closedWith: number | undefined
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close(code?: number) {
    this.closedWith = code
    this.readyState = 3
  }
  /** The server accepts: open, then hello. */
  accept() {
    this.readyState = 1
    this.frame({ type: 'hello', user: { id: 7, name: '王芳' } })
  }
  frame(f: unknown) {
    this.onmessage?.({ data: JSON.stringify(f) } as MessageEvent)
  }
  drop() {
    this.readyState = 3
    this.onclose?.({} as CloseEvent)
  }
}

describe('Live', () => {
  let sockets: FakeSocket[]
  let live: Live
  beforeEach(() => {
    vi.useFakeTimers()
    sockets = []
    live = new Live({
      url: () => 'ws://test/api/v1/ws',
      open: () => {
        const s = new FakeSocket()
        sockets.push(s)
        return s
      },
      backoff: (n) => 1000 * n,
      lingerMs: 100,
    })
  })
  afterEach(() => vi.useRealTimers())

  it('opens one socket for all subscribers and delivers ticket events', () => {
    const a = vi.fn()
    const b = vi.fn()
    live.subscribe({ ticket: a })
    live.subscribe({ ticket: b })
    expect(sockets).toHaveLength(1)
    sockets[0].accept()
    expect(live.state.value).toBe('open')
    sockets[0].frame({ type: 'ticket', number: 'N1', change: 'message' })
    sockets[0].frame({ type: 'mystery' })
    sockets[0].onmessage?.({ data: 'not json' } as MessageEvent)
    expect(a).toHaveBeenCalledTimes(1)
    expect(b.mock.calls[0][0].number).toBe('N1')
  })

  it('watches once open, again after a reconnect with back-off, and says reconnected', () => {
    const presence = vi.fn()
    const reconnected = vi.fn()
    live.subscribe({ reconnected })
    live.watch('N1', presence)
    sockets[0].accept()
    expect(sockets[0].sent).toEqual([{ type: 'watch', number: 'N1' }])
    sockets[0].frame({ type: 'presence', number: 'N1', viewers: [] })
    sockets[0].frame({ type: 'presence', number: 'OTHER', viewers: [] })
    expect(presence).toHaveBeenCalledTimes(1)

    sockets[0].drop()
    expect(live.state.value).toBe('retrying')
    vi.advanceTimersByTime(999)
    expect(sockets).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sockets).toHaveLength(2)
    sockets[1].drop() // refused again: waits longer
    vi.advanceTimersByTime(1999)
    expect(sockets).toHaveLength(2)
    vi.advanceTimersByTime(1)
    sockets[2].accept()
    expect(sockets[2].sent).toEqual([{ type: 'watch', number: 'N1' }])
    expect(reconnected).toHaveBeenCalledTimes(1)
  })

  it('refetches on a resync frame, as after a reconnect, without reconnecting', () => {
    const reconnected = vi.fn()
    live.subscribe({ reconnected })
    sockets[0].accept()
    sockets[0].frame({ type: 'resync' })
    expect(reconnected).toHaveBeenCalledTimes(1)
    expect(sockets).toHaveLength(1)
  })

  it('throttles typing and stops it on idle, on false and when leaving', () => {
    const stop = live.watch('N1', () => {})
    sockets[0].accept()
    const typing = () => sockets[0].sent.filter((f) => (f as { type: string }).type === 'typing')
    live.typing('N1', true)
    live.typing('N1', true)
    live.typing('OTHER', true) // not the watched ticket
    expect(typing()).toEqual([{ type: 'typing', number: 'N1', typing: true }])
    vi.advanceTimersByTime(3000)
    live.typing('N1', true)
    expect(typing()).toHaveLength(2)
    vi.advanceTimersByTime(TYPING_IDLE_MS)
    expect(typing().at(-1)).toEqual({ type: 'typing', number: 'N1', typing: false })
    live.typing('N1', false) // already off: nothing sent
    expect(typing()).toHaveLength(3)
    live.typing('N1', true)
    stop()
    expect(sockets[0].sent.slice(-2)).toEqual([{ type: 'typing', number: 'N1', typing: false }, { type: 'unwatch' }])
  })

  it('closes the socket a little after the last subscriber left, and not when one comes back', () => {
    const stop = live.subscribe({})
    sockets[0].accept()
    stop()
    const again = live.subscribe({})
    vi.advanceTimersByTime(200)
    expect(sockets[0].closedWith).toBeUndefined()
    again()
    vi.advanceTimersByTime(100)
    expect(sockets[0].closedWith).toBe(1000)
    expect(live.state.value).toBe('idle')
    sockets[0].drop() // its close event does not start a retry
    vi.advanceTimersByTime(60_000)
    expect(sockets).toHaveLength(1)
  })
})
