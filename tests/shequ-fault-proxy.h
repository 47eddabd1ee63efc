/* shequ-fault-proxy.h — an HTTP proxy on 127.0.0.1 in front of a real shequ-central that injects faults */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What happens to a request the fault matches. */
typedef enum {
  SHEQU_FAULT_NONE,       /* forwarded, the reply passed back */
  SHEQU_FAULT_REFUSE,     /* the connection closed as soon as the request came */
  SHEQU_FAULT_DELAY,      /* the server's reply held back DELAY ms (the server has done it) */
  SHEQU_FAULT_STATUS,     /* answered STATUS by the proxy; the server never sees it */
  SHEQU_FAULT_CUT,        /* the server's reply cut off after half its body */
  SHEQU_FAULT_MALFORMED,  /* 200 with a body that is not JSON; the server never sees it */
  SHEQU_FAULT_DROP,       /* the request reaches the server, its reply never comes back */
} ShequFaultKind;

typedef struct _ShequFaultProxy ShequFaultProxy;

/* Called in a thread of the proxy right after a matched request went to the server
 * (before its reply is read): e.g. to kill the server or the client then. */
typedef void (*ShequFaultHook) (gpointer data);

/* Listens on 127.0.0.1 (a port of the OS's choice) in a thread of its own, forwarding to
 * 127.0.0.1:UPSTREAM_PORT. */
ShequFaultProxy *shequ_fault_proxy_new           (guint16           upstream_port);
void             shequ_fault_proxy_free          (ShequFaultProxy  *proxy);
/* "http://127.0.0.1:PORT" (new). */
char            *shequ_fault_proxy_get_url       (ShequFaultProxy  *proxy);
/* Another server (restarted on another port). */
void             shequ_fault_proxy_set_upstream  (ShequFaultProxy  *proxy,
                                                  guint16           upstream_port);
/* From now on: KIND for the requests whose "METHOD PATH" begins with MATCH (NULL: every
 * one), once SKIP of them have passed untouched, for COUNT of them (0: no end). */
void             shequ_fault_proxy_set_fault     (ShequFaultProxy  *proxy,
                                                  ShequFaultKind    kind,
                                                  const char       *match,
                                                  guint             skip,
                                                  guint             count);
void             shequ_fault_proxy_set_delay     (ShequFaultProxy  *proxy,
                                                  guint             delay_ms);
void             shequ_fault_proxy_set_status    (ShequFaultProxy  *proxy,
                                                  guint             status);
void             shequ_fault_proxy_set_hook      (ShequFaultProxy  *proxy,
                                                  ShequFaultHook    hook,
                                                  gpointer          data);
/* "METHOD TARGET" of the last request seen (new), and the bytes of its body. */
char            *shequ_fault_proxy_get_last_request (ShequFaultProxy *proxy,
                                                     gsize           *body_length);
/* Requests seen, and of them those the fault hit. */
guint            shequ_fault_proxy_get_requests  (ShequFaultProxy  *proxy);
guint            shequ_fault_proxy_get_faults    (ShequFaultProxy  *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShequFaultProxy, shequ_fault_proxy_free)

G_END_DECLS
