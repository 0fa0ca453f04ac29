import { createRouter, createWebHistory } from 'vue-router'
import NotFound from './components/NotFound.vue'
import HelpCenter from './features/help/HelpCenter.vue'
import { hasCsrfCookie } from './api'
import { ready, user } from './features/session/session'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string // i18n key
    auth?: boolean // must be signed in
    agent?: boolean // must be staff (agent, supervisor or admin)
    wide?: boolean // a work page that uses the whole width of a desktop screen
    admin?: boolean // must be admin
    supervisor?: boolean // must be supervisor or admin
    linkable?: boolean // with `auth`: a mailed ticket link (#link=…, then the gd_link cookie) also opens it
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
    { path: '/forgot', name: 'forgot', component: () => import('./features/lookup/ForgotPage.vue'), meta: { title: 'forgot.title' } },
    { path: '/auth/link', name: 'auth-link', component: () => import('./features/session/LinkSignIn.vue'), meta: { title: 'auth.linkTitle' } },
    { path: '/lookup', name: 'lookup', component: () => import('./features/lookup/LookupPage.vue'), meta: { title: 'lookup.title' } },
    { path: '/tickets', name: 'tickets', component: () => import('./features/tickets/MyTickets.vue'), meta: { title: 'tickets.title', auth: true } },
    { path: '/tickets/:number', name: 'ticket', component: () => import('./features/tickets/TicketPage.vue'), meta: { auth: true, linkable: true }, props: true },
    { path: '/agent', name: 'queue', component: () => import('./features/agent/AgentQueue.vue'), meta: { title: 'agent.title', auth: true, agent: true, wide: true } },
    { path: '/agent/macros', name: 'macros', component: () => import('./features/macros/MacrosPage.vue'), meta: { title: 'macros.title', auth: true, agent: true } },
    { path: '/agent/tickets/:number', name: 'agent-ticket', component: () => import('./features/agent/AgentTicket.vue'), meta: { auth: true, agent: true, wide: true }, props: true },
    // The admin pages, their API module and their messages are one chunk customers never fetch.
    { path: '/admin/categories', name: 'admin-categories', component: () => import('./features/admin/AdminCategories.vue'), meta: { title: 'nav.adminCategories', auth: true, admin: true } },
    { path: '/admin/categories/:id', name: 'admin-category-fields', component: () => import('./features/admin/AdminCategoryFields.vue'), meta: { title: 'nav.adminCategories', auth: true, admin: true }, props: true },
    { path: '/admin/mail', name: 'admin-mail', component: () => import('./features/admin/AdminMail.vue'), meta: { title: 'nav.adminMail', auth: true, admin: true } },
    { path: '/admin/users', name: 'admin-users', component: () => import('./features/admin/AdminUsers.vue'), meta: { title: 'nav.adminUsers', auth: true, admin: true, wide: true } },
    { path: '/admin/groups', name: 'admin-groups', component: () => import('./features/admin/AdminGroups.vue'), meta: { title: 'nav.adminGroups', auth: true, admin: true } },
    { path: '/admin/sla', name: 'admin-sla', component: () => import('./features/admin/sla/AdminSlaPolicies.vue'), meta: { title: 'nav.adminSla', auth: true, admin: true } },
    { path: '/admin/sla/calendars', name: 'admin-sla-calendars', component: () => import('./features/admin/sla/AdminSlaCalendars.vue'), meta: { title: 'nav.adminSla', auth: true, admin: true } },
    // Supervisors and admins; the server refuses agents, and App.vue shows "no access" to them.
    { path: '/agent/reports/sla', name: 'sla-report', component: () => import('./features/reports/SlaReport.vue'), meta: { title: 'nav.reports', auth: true, agent: true, supervisor: true } },
    { path: '/admin/rules', name: 'admin-rules', component: () => import('./features/admin/AdminRules.vue'), meta: { title: 'nav.adminRules', auth: true, admin: true } },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFound, meta: { title: 'notFound.title' } },
  ],
})

// After a client-side navigation, move focus to the new page so keyboard and screen-reader users
// start at its top (the first page load keeps the browser's own focus, at the skip link).
// A change of the query alone (the queue's filters, typed or chosen) stays on the same page: focus
// stays where the user is working.
let firstNavigation = true
router.afterEach((to, from) => {
  if (firstNavigation) {
    firstNavigation = false
    return
  }
  if (to.path === from.path) return
  setTimeout(() => document.getElementById('main')?.focus({ preventScroll: true }))
})

router.beforeEach(async (to) => {
  await ready()
  if (to.meta.auth && !user.value && !(to.meta.linkable && mayHoldLink(to.hash))) {
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  return true // agent-only pages for customers: App.vue shows "no access" in place
})

/**
 * A visitor without a session may still hold a ticket link: one in the fragment, or one already
 * traded for the HttpOnly gd_link cookie (which comes with gd_csrf). Only the server can tell; the
 * page asks it and sends the visitor to sign in when it says no.
 */
function mayHoldLink(hash: string): boolean {
  return hash.startsWith('#link=') || hasCsrfCookie()
}
