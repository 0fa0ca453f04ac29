// Who is signed in, plus the public config; loaded once when the app starts.
import { computed, ref } from 'vue'
import * as api from '../../api'
import type { Config, User } from '../../api'

export const user = ref<User | null>(null)
export const config = ref<Config>({
  support_email: '',
  support_hours: '',
  max_attachments: 5,
  max_attachment_bytes: 20 * 1024 * 1024,
  reopen_days: 14,
  locales: ['zh-CN', 'en'],
})
// Staff: agents, supervisors and admins all work the queue.
export const isAgent = computed(() => ['agent', 'supervisor', 'admin'].includes(user.value?.role ?? ''))
export const isAdmin = computed(() => user.value?.role === 'admin')
// Supervisors and admins see the service-level report.
export const isSupervisor = computed(() => user.value?.role === 'supervisor' || user.value?.role === 'admin')

api.onUnauthenticated(() => {
  user.value = null
})

let loading: Promise<void> | null = null

/** Resolves once we know whether someone is signed in. Safe to call many times. */
export function ready(): Promise<void> {
  loading ??= (async () => {
    const [u, c] = await Promise.allSettled([
      // No gd_csrf cookie means no session: skip the request that would only answer 401.
      api.hasSessionCookie() ? api.currentUser() : Promise.resolve(null),
      api.getConfig(),
    ])
    user.value = u.status === 'fulfilled' ? u.value : null
    if (c.status === 'fulfilled') config.value = c.value
  })()
  return loading
}

// Once signed in, the gd_csrf cookie means a session again (see noteTicketLinkOpened).
export async function signIn(email: string, password: string): Promise<void> {
  user.value = await api.login(email, password)
  api.noteTicketLinkOpened(true)
}

/** Signs in with the one-time token of a mailed sign-in link, exactly as a password login would. */
export async function signInWithLink(token: string): Promise<void> {
  user.value = await api.linkSession(token)
  api.noteTicketLinkOpened(true)
}

export async function signUp(body: { email: string; password: string; name: string; locale: string }): Promise<void> {
  user.value = await api.register(body)
  api.noteTicketLinkOpened(true)
}

export async function signOut(): Promise<void> {
  try {
    await api.logout()
  } finally {
    user.value = null
  }
}
