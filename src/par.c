#define _GNU_SOURCE   /* CPU_COUNT, sched_getaffinity */
#include "par.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define PAR_MAX_THREADS 256

int par_cores(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0) {
		int n = CPU_COUNT(&set);
		if (n > 0) return n;
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

static int clamp_threads(int threads)
{
	return threads < 1 ? 1 : threads > PAR_MAX_THREADS ? PAR_MAX_THREADS
							      : threads;
}

/* ---- par_for ------------------------------------------------------------ */

struct for_state {
	size_t n;
	void (*fn)(void *ctx, size_t i, int worker);
	void *ctx;
	atomic_size_t next;    /* the next item nobody has taken */
	atomic_int ids;        /* worker numbers handed out */
};

static void *for_worker(void *arg)
{
	struct for_state *s = arg;
	int id = atomic_fetch_add(&s->ids, 1);
	size_t i;
	while ((i = atomic_fetch_add(&s->next, 1)) < s->n) s->fn(s->ctx, i, id);
	return NULL;
}

void par_for(size_t n, int threads,
	     void (*fn)(void *ctx, size_t i, int worker), void *ctx)
{
	struct for_state s = {.n = n, .fn = fn, .ctx = ctx};
	atomic_init(&s.next, 0);
	atomic_init(&s.ids, 0);
	size_t extra = (size_t)clamp_threads(threads) - 1;
	if (n && extra > n - 1) extra = n - 1;
	pthread_t tid[PAR_MAX_THREADS];
	size_t started = 0;
	while (started < extra &&
	       pthread_create(&tid[started], NULL, for_worker, &s) == 0)
		started++;
	for_worker(&s);   /* the caller works too; alone if none started */
	for (size_t k = 0; k < started; k++) pthread_join(tid[k], NULL);
}

/* ---- par_ordered -------------------------------------------------------- */

/* Jobs are numbered in production order; job k lives in slot k % nslots.
 * [head, tail) are in flight: [head, next) taken by workers (done[] says
 * which have finished), [next, tail) waiting for one. */
struct pipe {
	const struct par_stage *st;
	void *ctx;
	char *slots;
	size_t nslots, slot_size;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	uint64_t head, next, tail;
	unsigned char *done;
	int quit;
	atomic_int ids;
};

static void *slot_at(struct pipe *p, uint64_t k)
{
	return p->slots + (size_t)(k % p->nslots) * p->slot_size;
}

static void *pipe_worker(void *arg)
{
	struct pipe *p = arg;
	int id = atomic_fetch_add(&p->ids, 1);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->next == p->tail)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (p->quit) break;
		uint64_t k = p->next++;
		pthread_mutex_unlock(&p->mu);
		p->st->work(p->ctx, slot_at(p, k), id);
		pthread_mutex_lock(&p->mu);
		p->done[k % p->nslots] = 1;
		pthread_cond_signal(&p->done_cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* The calling thread: keeps the window full and takes finished jobs in
 * order.  Called and returns with p->mu held. */
static int pipe_drive(struct pipe *p)
{
	int eof = 0;
	for (;;) {
		if (!eof && p->tail - p->head < p->nslots) {
			/* the tail slot is nobody else's until tail moves */
			pthread_mutex_unlock(&p->mu);
			int made = p->st->produce(p->ctx, slot_at(p, p->tail));
			pthread_mutex_lock(&p->mu);
			if (made) {
				p->tail++;
				pthread_cond_signal(&p->work_cv);
			} else {
				eof = 1;
			}
			continue;
		}
		if (p->head < p->tail && p->done[p->head % p->nslots]) {
			pthread_mutex_unlock(&p->mu);
			int stop = p->st->consume(p->ctx, slot_at(p, p->head));
			pthread_mutex_lock(&p->mu);
			p->done[p->head % p->nslots] = 0;
			p->head++;
			if (stop) return stop;
			continue;
		}
		if (eof && p->head == p->tail) return 0;
		pthread_cond_wait(&p->done_cv, &p->mu);
	}
}

/* No thread could be started: the same jobs, one at a time. */
static int run_inline(const struct par_stage *st, void *ctx, void *slot)
{
	while (st->produce(ctx, slot)) {
		st->work(ctx, slot, 0);
		int stop = st->consume(ctx, slot);
		if (stop) return stop;
	}
	return 0;
}

int par_ordered(const struct par_stage *st, void *ctx, void *slots,
		size_t nslots, size_t slot_size, int threads)
{
	struct pipe p = {.st = st, .ctx = ctx, .slots = slots,
			 .nslots = nslots ? nslots : 1, .slot_size = slot_size};
	atomic_init(&p.ids, 0);
	p.done = calloc(p.nslots, 1);
	if (!p.done) return run_inline(st, ctx, slots);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work_cv, NULL);
	pthread_cond_init(&p.done_cv, NULL);
	pthread_t tid[PAR_MAX_THREADS];
	int n = clamp_threads(threads), started = 0;
	while (started < n && pthread_create(&tid[started], NULL, pipe_worker, &p) == 0)
		started++;
	int rc;
	if (!started) {
		rc = run_inline(st, ctx, slots);
	} else {
		pthread_mutex_lock(&p.mu);
		rc = pipe_drive(&p);
		p.quit = 1;   /* jobs not yet taken are left to the caller */
		pthread_cond_broadcast(&p.work_cv);
		pthread_mutex_unlock(&p.mu);
		for (int k = 0; k < started; k++) pthread_join(tid[k], NULL);
	}
	pthread_cond_destroy(&p.done_cv);
	pthread_cond_destroy(&p.work_cv);
	pthread_mutex_destroy(&p.mu);
	free(p.done);
	return rc;
}
