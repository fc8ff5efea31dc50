/* par: using every core of one machine, with output in input order.
 *
 * Two shapes of parallel work.  par_for hands out independent items
 * (price files) one at a time to a fixed set of threads.  par_ordered is
 * a pipeline for a stream that must come out in the order it went in
 * (articles -> facts): the calling thread reads the input into jobs and
 * writes their results, worker threads do the jobs in between, and at
 * most nslots jobs are in flight, so memory is bounded by the window and
 * not by the input.  Results are taken strictly in production order
 * whatever order the workers finish in, which is what makes -j N write
 * the same bytes as -j 1. */
#ifndef PAR_H
#define PAR_H

#include <stddef.h>

/* The cores this process may run on (its CPU affinity mask, so taskset
 * and cpusets are honoured), at least 1. */
int par_cores(void);

/* Calls fn(ctx, i, worker) for every i in [0, n) on up to threads
 * threads (the calling thread is one of them; worker in [0, threads)),
 * each item exactly once, and returns when all are done.  Items are
 * taken in increasing order as threads free up. */
void par_for(size_t n, int threads,
	     void (*fn)(void *ctx, size_t i, int worker), void *ctx);

struct par_stage {
	/* On the calling thread: fills slot with the next job.  1: a job;
	 * 0: no more input. */
	int (*produce)(void *ctx, void *slot);
	/* On a worker thread (worker in [0, threads)): does the job. */
	void (*work)(void *ctx, void *slot, int worker);
	/* On the calling thread, in production order: takes a done job.
	 * Non-zero stops the run: nothing after this job is consumed. */
	int (*consume)(void *ctx, void *slot);
};

/* Runs the pipeline over the caller's nslots slots of slot_size bytes
 * each (a slot is reused once its job is consumed, so buffers in it can
 * be kept).  Returns 0 at the end of input, or the first non-zero
 * consume result.  When no thread can be started the jobs run one by one
 * on the calling thread, with the same results. */
int par_ordered(const struct par_stage *st, void *ctx, void *slots,
		size_t nslots, size_t slot_size, int threads);

#endif
