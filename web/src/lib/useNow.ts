// One clock for every relative time on a page: a ref updated every 30 s while any component uses
// it, so a queue of 50 rows runs one timer, not 50.
import { onBeforeUnmount, readonly, ref } from 'vue'

const TICK_MS = 30_000
const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

export function useNow() {
  users += 1
  if (!timer) {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), TICK_MS)
  }
  onBeforeUnmount(() => {
    users -= 1
    if (users === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  })
  return readonly(now)
}
