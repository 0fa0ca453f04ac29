import { createRouter, createWebHistory } from 'vue-router'
import NotFound from './components/NotFound.vue'
import HelpCenter from './features/help/HelpCenter.vue'
import { ready, user } from './features/session/session'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string // i18n key
    auth?: boolean // must be signed in
    agent?: boolean // must be agent or admin
  }
}

// Only the help center is in the first download; every other page is its own chunk, and the
// agent pages are never fetched by customers.
export const router = createRouter({
  history: createWebHistory(),
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  routes: [
    { path: '/', name: 'help', component: HelpCenter, meta: { title: 'app.title' } },
    { path: '/login', name: 'login', component: () => import('./features/session/LoginPage.vue'), meta: { title: 'auth.signInTitle' } },
    { path: '/register', name: 'register', component: () => import('./features/session/RegisterPage.vue'), meta: { title: 'auth.registerTitle' } },
    { path: '/submit', name: 'submit', component: () => import('./features/submit/SubmitPage.vue'), meta: { title: 'submit.title' } },
    { path: '/lookup', name: 'lookup', component: () => import('./features/lookup/LookupPage.vue'), meta: { title: 'lookup.title' } },
    { path: '/tickets', name: 'tickets', component: () => import('./features/tickets/MyTickets.vue'), meta: { title: 'tickets.title', auth: true } },
    { path: '/tickets/:number', name: 'ticket', component: () => import('./features/tickets/TicketPage.vue'), meta: { auth: true }, props: true },
    { path: '/agent', name: 'queue', component: () => import('./features/agent/AgentQueue.vue'), meta: { title: 'agent.title', auth: true, agent: true } },
    { path: '/agent/tickets/:number', name: 'agent-ticket', component: () => import('./features/agent/AgentTicket.vue'), meta: { auth: true, agent: true }, props: true },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFound, meta: { title: 'notFound.title' } },
  ],
})

// After a client-side navigation, move focus to the new page so keyboard and screen-reader users
// start at its top (the first page load keeps the browser's own focus, at the skip link).
let firstNavigation = true
router.afterEach(() => {
  if (firstNavigation) {
    firstNavigation = false
    return
  }
  setTimeout(() => document.getElementById('main')?.focus({ preventScroll: true }))
})

router.beforeEach(async (to) => {
  await ready()
  if (to.meta.auth && !user.value) return { name: 'login', query: { redirect: to.fullPath } }
  return true // agent-only pages for customers: App.vue shows "no access" in place
})
