// PT Guide service worker, written by the build (ptguide/service_worker.py). Precaches every file
// of this build and answers from that cache, so the app opens with no network.
'use strict';

const VERSION = {{ version|tojson }};
const PRECACHE = {{ entries|tojson }};
const OFFLINE_PAGE = '404.html';

// Many GitHub Pages sites share one origin (username.github.io): the scope keeps our caches apart.
const PREFIX = 'ptguide-precache:' + self.registration.scope + ':';
const CACHE = PREFIX + VERSION;

const inScope = (url) => url.startsWith(self.registration.scope);
const precached = new Set(PRECACHE.map((e) => new URL(e.url, self.registration.scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      await Promise.all(PRECACHE.map(async ({ url }) => {
        // 'reload' skips the HTTP cache, so a stale copy of an old build is never stored under the new version.
        const response = await fetch(new Request(url, { cache: 'reload', credentials: 'same-origin' }));
        if (!response.ok || response.redirected) {
          throw new Error(`Precache of ${url} failed: ${response.status}${response.redirected ? ' (redirected)' : ''}`);
        }
        await cache.put(new URL(url, self.registration.scope).href, response);
      }));
    } catch (error) {
      // A half-filled cache must never be used: the old version stays in charge and the next visit tries again.
      await caches.delete(CACHE);
      throw error;
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  // Only when the patient taps "Reload": a new version never takes over a page under their fingers.
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

function cacheKey(requestUrl) {
  const url = new URL(requestUrl);
  url.search = '';
  url.hash = '';
  if (url.pathname.endsWith('/index.html')) url.pathname = url.pathname.slice(0, -'index.html'.length);
  return url.href;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !inScope(request.url)) return;
  const key = cacheKey(request.url);
  // `…/pain-check` typed or bookmarked without its slash: what the host does online (a redirect), so that the
  // page's relative links still resolve from `…/pain-check/`.
  if (request.mode === 'navigate' && !precached.has(key) && precached.has(key + '/')) {
    const url = new URL(request.url);
    url.pathname += '/';
    event.respondWith(Response.redirect(url.href, 301));
    return;
  }
  if (!precached.has(key)) {
    if (request.mode === 'navigate') event.respondWith(networkOrOfflinePage(request));
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(key)) || fetch(request);
  })());
});

async function networkOrOfflinePage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    const page = await cache.match(new URL(OFFLINE_PAGE, self.registration.scope).href);
    if (!page) throw error;
    return new Response(page.body, { status: 404, statusText: 'Not Found', headers: page.headers });
  }
}
