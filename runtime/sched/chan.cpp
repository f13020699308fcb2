/* sched/chan.cpp - channels and select (§14).
 *
 * Invariants: blocked receivers wait only while the buffer is empty; blocked senders wait
 * only while it is full (for a rendezvous channel, capacity 0, always). Values are received in
 * send order: a receiver takes the oldest buffered value and admits the oldest blocked
 * sender's value into the buffer in its place.
 */
#include "builtins/builtin.h"
#include "sched/sched.h"

static flrt_chan *need_chan(fl_value v, const char *who) {
  if (!fl_has_kind(v, FL_K_CHANNEL)) {
    fl_string *q = flrt_str(flrt_quote_value(v));
    flrt_fail(FL_ERR_TYPE, "%s: expected a channel, got %.*s", who, (int)q->len, q->data);
  }
  return (flrt_chan *)fl_obj(v);
}

FLB(CHAN) {
  int64_t cap = 1;
  if (argc == 1) {
    cap = flrt_need_int(argv[0], "chan");
    if (cap < 0) flrt_fail(FL_ERR_VALUE, "chan: capacity must be >= 0, got %lld", (long long)cap);
  }
  flrt_chan *c = (flrt_chan *)flrt_alloc_obj(sizeof(flrt_chan), FL_K_CHANNEL, 0);
  c->cap = cap;
  return flrt_ptr_value(c);
}

/* ---- the non-blocking halves: what send!/recv! do when they need not wait ------------------ */
static bool can_send(flrt_chan *c) { return flrt_q_has_live(&c->recvq) || c->count < c->cap; }
static bool can_recv(flrt_chan *c) { return c->count > 0 || flrt_q_has_live(&c->sendq); }

static void send_now(flrt_chan *c, fl_value v) {
  flrt_qnode *r = flrt_q_pop_live(&c->recvq);
  if (r) {
    flrt_sched_wake(r->task, v, r->branch);
    return;
  }
  flrt_q_push(&c->buf, v, NULL, 0);
  c->count++;
}

static fl_value recv_now(flrt_chan *c) {
  if (c->count > 0) {
    flrt_qnode *n = flrt_q_pop_live(&c->buf);
    c->count--;
    flrt_qnode *s = flrt_q_pop_live(&c->sendq);
    if (s) {
      flrt_q_push(&c->buf, s->value, NULL, 0);
      c->count++;
      flrt_sched_wake(s->task, FL_NIL, s->branch);
    }
    return n->value;
  }
  flrt_qnode *s = flrt_q_pop_live(&c->sendq);
  flrt_sched_wake(s->task, FL_NIL, s->branch);
  return s->value;
}

FLB(SEND) {
  flrt_chan *c = need_chan(argv[0], "send!");
  if (can_send(c)) {
    send_now(c, argv[1]);
    return FL_NIL;
  }
  flrt_q_push(&c->sendq, argv[1], flrt_sched_current(), 0);
  flrt_sched_block(); /* a receiver took the value */
  return FL_NIL;
}

FLB(RECV) {
  flrt_chan *c = need_chan(argv[0], "recv!");
  if (can_recv(c)) return recv_now(c);
  flrt_task *t = flrt_sched_current();
  flrt_q_push(&c->recvq, FL_NIL, t, 0);
  flrt_sched_block();
  return t->wake_value;
}

FLB(TRY_SEND) {
  flrt_chan *c = need_chan(argv[0], "try-send!");
  if (!can_send(c)) return FL_FALSE;
  send_now(c, argv[1]);
  return FL_TRUE;
}

FLB(TRY_RECV) {
  flrt_chan *c = need_chan(argv[0], "try-recv!");
  fl_value pair[2] = {FL_FALSE, FL_NIL};
  if (can_recv(c)) {
    pair[0] = FL_TRUE;
    pair[1] = recv_now(c);
  }
  return flrt_list_from_array(pair, 2);
}

FLB(SELECT_CHANNEL) {
  need_chan(argv[0], flrt_int_of(argv[1]) ? "send!" : "recv!");
  return argv[0];
}

/* (%select has-default KIND CH VALUE ...): KIND 0 = recv!, 1 = send!. Returns (index value):
 * the branch performed and the received value (nil for a send), or index -1 for default. */
FLB(SELECT) {
  /* every CH has already been checked by %select-channel, right after it was evaluated */
  bool has_default = flrt_truthy(argv[0]);
  int64_t n = (argc - 1) / 3;
  fl_value out[2] = {fl_make_fixnum(-1), FL_NIL};
  for (int64_t i = 0; i < n; i++) {
    flrt_chan *c = (flrt_chan *)fl_obj(argv[2 + 3 * i]);
    bool send = flrt_int_of(argv[1 + 3 * i]) != 0;
    if (send ? can_send(c) : can_recv(c)) {
      out[0] = fl_make_fixnum(i);
      if (send) send_now(c, argv[3 + 3 * i]);
      else out[1] = recv_now(c);
      return flrt_list_from_array(out, 2);
    }
  }
  if (!has_default) {
    flrt_task *t = flrt_sched_current();
    for (int64_t i = 0; i < n; i++) {
      flrt_chan *c = (flrt_chan *)fl_obj(argv[2 + 3 * i]);
      if (flrt_int_of(argv[1 + 3 * i])) flrt_q_push(&c->sendq, argv[3 + 3 * i], t, i);
      else flrt_q_push(&c->recvq, FL_NIL, t, i);
    }
    flrt_sched_block();
    out[0] = fl_make_fixnum(t->fired);
    out[1] = t->wake_value;
  }
  return flrt_list_from_array(out, 2);
}
