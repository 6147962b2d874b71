// A minimal OpenAI-compatible streaming server in C: an exact, independent server that costs next
// to nothing (the Swift simulator shares the CPU with the client otherwise).
//
//   cc -O2 -o /tmp/mock-sse-server Benchmarks/harness/mock-sse-server.c
//   /tmp/mock-sse-server [PORT] [--ttft-ms MS --itl-ms MS [--lockstep]]   PORT 0 picks a free one
//
// POST .../completions with "stream": true answers `max_tokens` SSE events (one token each, one
// HTTP chunk each), a usage chunk and `data: [DONE]`. Without --ttft-ms/--itl-ms the events are
// written back to back as fast as the socket takes them (ingest ceiling). With them, the first
// token is written TTFT after the request arrived and each next one ITL after the previous one was
// due (timerfd on CLOCK_MONOTONIC, no drift). --lockstep makes it a batching server: every stream's
// first token is due at the first step (a multiple of ITL after the first paced request's TTFT) at
// least TTFT after its request, so all streams write each token in the same step. The server keeps
// its truth, in the shape of `llm-bench simulate`'s: GET /sim/truth?since=N answers, from the N-th
// finished stream on (at most 200 per page), a JSON array of {"request_id", "is_streaming",
// "event_nanoseconds" (CLOCK_MONOTONIC just before the write of each token event),
// "received_nanoseconds" (when the request was read), "lateness_nanoseconds" (worst write − due)}; GET /sim/stats answers {"tokens_generated", "max_lateness_nanoseconds"}. Without "stream" it answers a
// JSON completion whose usage.prompt_tokens is the number of words of the prompt. Anything else
// gets 404. Single-threaded epoll, keep-alive, loopback only.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_EVENTS 256
#define READ_LIMIT (1 << 20)

typedef struct {
    char request_id[128];
    long *event_ns;
    long events, lateness_ns, received_ns;
} truth_t;

typedef struct {
    int fd;
    char *in;
    size_t in_len, in_cap;
    char *out;
    size_t out_len, out_sent, out_cap;
    // A paced stream in progress: tokens still to write, when the next is due, its place in the heap.
    long tokens_left, tokens, prompt, due_ns;
    int heap_index;  // -1 when not waiting
    truth_t *truth;
} conn_t;

static long ttft_ns = -1, itl_ns = -1;  // paced mode when both are set
static int lockstep;                    // paced streams share one step grid
static long step_origin_ns = -1;        // the grid's first step (lockstep)
static conn_t **heap;                   // paced streams, earliest due first
static int heap_len, heap_cap;
static truth_t **truths;                // finished paced streams, in finishing order
static long truth_len, truth_cap;
static long tokens_generated, max_lateness_ns;

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void heap_swap(int a, int b) {
    conn_t *t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
    heap[a]->heap_index = a;
    heap[b]->heap_index = b;
}

static void heap_up(int i) {
    while (i > 0 && heap[(i - 1) / 2]->due_ns > heap[i]->due_ns) {
        heap_swap(i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

static void heap_down(int i) {
    for (;;) {
        int least = i, l = 2 * i + 1, r = l + 1;
        if (l < heap_len && heap[l]->due_ns < heap[least]->due_ns) least = l;
        if (r < heap_len && heap[r]->due_ns < heap[least]->due_ns) least = r;
        if (least == i) return;
        heap_swap(i, least);
        i = least;
    }
}

static void heap_push(conn_t *c) {
    if (heap_len == heap_cap) {
        heap_cap = heap_cap ? heap_cap * 2 : 1024;
        heap = realloc(heap, heap_cap * sizeof *heap);
    }
    heap[heap_len] = c;
    c->heap_index = heap_len++;
    heap_up(c->heap_index);
}

static void heap_remove(conn_t *c) {
    int i = c->heap_index;
    if (i < 0) return;
    heap_len--;
    if (i != heap_len) {
        heap[i] = heap[heap_len];
        heap[i]->heap_index = i;
        heap_up(i);
        heap_down(heap[i]->heap_index);
    }
    c->heap_index = -1;
}

static const char *token_event =
    "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"mock\","
    "\"choices\":[{\"index\":0,\"text\":\" xin\",\"logprobs\":null,\"finish_reason\":null}]}\n\n";

static void out_append(conn_t *c, const char *data, size_t len) {
    if (c->out_len + len > c->out_cap) {
        while (c->out_len + len > c->out_cap) c->out_cap = c->out_cap ? c->out_cap * 2 : 65536;
        c->out = realloc(c->out, c->out_cap);
    }
    memcpy(c->out + c->out_len, data, len);
    c->out_len += len;
}

static void out_chunk(conn_t *c, const char *data, size_t len) {
    char size[32];
    int n = snprintf(size, sizeof size, "%zx\r\n", len);
    out_append(c, size, n);
    out_append(c, data, len);
    out_append(c, "\r\n", 2);
}

static long json_int(const char *body, size_t len, const char *key, long fallback) {
    char *at = memmem(body, len, key, strlen(key));
    if (!at) return fallback;
    at += strlen(key);
    while (*at == ' ' || *at == ':') at++;
    return strtol(at, NULL, 10);
}

// The position just after `"key":` (spaces allowed around the colon), or NULL.
static const char *json_value(const char *body, size_t len, const char *key) {
    char *at = memmem(body, len, key, strlen(key));
    if (!at) return NULL;
    at += strlen(key);
    while (at < body + len && (*at == ' ' || *at == ':')) at++;
    return at < body + len ? at : NULL;
}

static long prompt_words(const char *body, size_t len) {
    const char *at = json_value(body, len, "\"prompt\"");
    if (!at || *at != '"') return 1;
    at++;
    long words = 1;
    for (; at < body + len && *at != '"'; at++) {
        if (*at == '\\') { at++; continue; }
        if (*at == ' ') words++;
    }
    return words;
}

// Copies the value of header `name` (any case) of the request head into `value`; "" if absent.
static void header_value(const char *head, size_t len, const char *name, char *value, size_t cap) {
    value[0] = 0;
    size_t name_len = strlen(name);
    for (const char *line = head; line && line < head + len;) {
        const char *next = memmem(line, head + len - line, "\r\n", 2);
        if (!next) return;
        if ((size_t)(next - line) > name_len && strncasecmp(line, name, name_len) == 0 && line[name_len] == ':') {
            const char *at = line + name_len + 1;
            while (at < next && *at == ' ') at++;
            size_t n = next - at < (long)cap - 1 ? (size_t)(next - at) : cap - 1;
            memcpy(value, at, n);
            value[n] = 0;
            return;
        }
        line = next + 2;
    }
}

// Appends the usage chunk, `data: [DONE]` and the last chunk of a stream.
static void stream_end(conn_t *c, long prompt, long tokens) {
    char text[512];
    int n = snprintf(text, sizeof text,
        "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"mock\",\"choices\":[],"
        "\"usage\":{\"prompt_tokens\":%ld,\"completion_tokens\":%ld,\"total_tokens\":%ld}}\n\n", prompt, tokens, prompt + tokens);
    out_chunk(c, text, n);
    out_chunk(c, "data: [DONE]\n\n", 14);
    out_append(c, "0\r\n\r\n", 5);
}

// Answers GET /sim/truth?since=N: at most 200 finished streams from the N-th on.
static void answer_truth(conn_t *c, const char *head, size_t len) {
    const char *at = memmem(head, len, "since=", 6);
    long since = at ? strtol(at + 6, NULL, 10) : 0;
    if (since < 0) since = 0;
    char *body = NULL;
    size_t body_len = 0;
    FILE *json = open_memstream(&body, &body_len);
    fputc('[', json);
    for (long i = since; i < truth_len && i < since + 200; i++) {
        truth_t *t = truths[i];
        fprintf(json, "%s{\"request_id\":\"%s\",\"is_streaming\":true,\"lateness_nanoseconds\":%ld,"
                "\"received_nanoseconds\":%ld,\"event_nanoseconds\":[",
                i > since ? "," : "", t->request_id, t->lateness_ns, t->received_ns);
        for (long k = 0; k < t->events; k++) fprintf(json, "%s%ld", k ? "," : "", t->event_ns[k]);
        fputs("]}", json);
    }
    fputc(']', json);
    fclose(json);
    char response_head[128];
    int h = snprintf(response_head, sizeof response_head,
                     "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n", body_len);
    out_append(c, response_head, h);
    out_append(c, body, body_len);
    free(body);
}

// When the first token of a request read at `received` is due: TTFT later, rounded up to the next
// step of the shared grid in lockstep mode.
static long first_due(long received) {
    long due = received + ttft_ns;
    if (!lockstep || itl_ns <= 0) return due;
    if (step_origin_ns < 0) step_origin_ns = due;
    return step_origin_ns + (due - step_origin_ns + itl_ns - 1) / itl_ns * itl_ns;
}

// Parses one complete request from c->in, queues its answer; returns bytes consumed or 0.
static size_t handle_request(conn_t *c) {
    char *end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t head_len = end - c->in + 4;
    long body_len = json_int(c->in, head_len, "Content-Length", 0);
    if (body_len == 0) body_len = json_int(c->in, head_len, "content-length", 0);
    if (c->in_len < head_len + (size_t)body_len) return 0;
    const char *body = c->in + head_len;
    int is_completion = memmem(c->in, head_len, "/completions ", 13) != NULL && strncmp(c->in, "POST", 4) == 0;
    if (strncmp(c->in, "GET /sim/truth", 14) == 0) {
        answer_truth(c, c->in, head_len);
        return head_len + body_len;
    }
    if (strncmp(c->in, "GET /sim/stats", 14) == 0) {
        char stats[128], response_head[128];
        int n = snprintf(stats, sizeof stats, "{\"tokens_generated\":%ld,\"max_lateness_nanoseconds\":%ld}",
                         tokens_generated, max_lateness_ns);
        int h = snprintf(response_head, sizeof response_head,
                         "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", n);
        out_append(c, response_head, h);
        out_append(c, stats, n);
        return head_len + body_len;
    }
    if (c->heap_index >= 0) return 0;  // a paced stream is still being written: the next request waits
    if (!is_completion) {
        const char *answer = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 21\r\n\r\n"
                             "{\"error\":\"not found\"}";
        out_append(c, answer, strlen(answer));
        return head_len + body_len;
    }
    long tokens = json_int(body, body_len, "\"max_tokens\"", 16);
    const char *stream = json_value(body, body_len, "\"stream\"");
    int streaming = stream && body + body_len - stream >= 4 && strncmp(stream, "true", 4) == 0;
    long prompt = prompt_words(body, body_len);
    char text[512];
    if (!streaming) {
        int n = snprintf(text, sizeof text,
            "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"mock\",\"choices\":[{\"index\":0,"
            "\"text\":\" xin\",\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":%ld,\"completion_tokens\":1,"
            "\"total_tokens\":%ld}}", prompt, prompt + 1);
        char head[128];
        int h = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", n);
        out_append(c, head, h);
        out_append(c, text, n);
        return head_len + body_len;
    }
    const char *head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    out_append(c, head, strlen(head));
    if (ttft_ns >= 0 && tokens > 0) {
        c->tokens = c->tokens_left = tokens;
        c->prompt = prompt;
        long received = now_ns();
        c->due_ns = first_due(received);
        c->truth = calloc(1, sizeof *c->truth);
        c->truth->received_ns = received;
        c->truth->event_ns = malloc(tokens * sizeof(long));
        header_value(c->in, head_len, "x-request-id", c->truth->request_id, sizeof c->truth->request_id);
        heap_push(c);
        return head_len + body_len;
    }
    size_t event_len = strlen(token_event);
    for (long i = 0; i < tokens; i++) out_chunk(c, token_event, event_len);
    tokens_generated += tokens;
    stream_end(c, prompt, tokens);
    return head_len + body_len;
}

// Answers every complete request waiting in c->in (one at a time while a paced stream runs).
static void serve_buffered(conn_t *c) {
    size_t used;
    while ((used = handle_request(c)) > 0) {
        memmove(c->in, c->in + used, c->in_len - used);
        c->in_len -= used;
    }
}

static int flush_out(conn_t *c) {
    while (c->out_sent < c->out_len) {
        ssize_t n = write(c->fd, c->out + c->out_sent, c->out_len - c->out_sent);
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        c->out_sent += n;
    }
    c->out_len = c->out_sent = 0;
    return 0;
}

// Writes the token event of the earliest paced stream, which is due; returns -1 if its socket failed.
static int write_due_event(conn_t *c, long now) {
    truth_t *t = c->truth;
    if (now - c->due_ns > t->lateness_ns) t->lateness_ns = now - c->due_ns;
    if (t->lateness_ns > max_lateness_ns) max_lateness_ns = t->lateness_ns;
    out_chunk(c, token_event, strlen(token_event));
    tokens_generated++;
    c->tokens_left--;
    if (c->tokens_left > 0) {
        c->due_ns += itl_ns;
        heap_down(c->heap_index);
    } else {
        heap_remove(c);
        stream_end(c, c->prompt, c->tokens);
    }
    t->event_ns[t->events++] = now_ns();  // just before the write
    int failed = flush_out(c) < 0;
    if (c->tokens_left == 0) {
        if (truth_len == truth_cap) {
            truth_cap = truth_cap ? truth_cap * 2 : 1024;
            truths = realloc(truths, truth_cap * sizeof *truths);
        }
        truths[truth_len++] = t;
        c->truth = NULL;
        if (!failed) serve_buffered(c);  // a request that came early
        failed = flush_out(c) < 0;
    }
    return failed ? -1 : 0;
}

static void close_conn(int poller, conn_t *c) {
    heap_remove(c);
    if (c->truth) {
        free(c->truth->event_ns);
        free(c->truth);
    }
    epoll_ctl(poller, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->in);
    free(c->out);
    free(c);
}

int main(int argc, char **argv) {
    int port = 18090;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--ttft-ms") == 0 && i + 1 < argc) {
            ttft_ns = (long)(atof(argv[++i]) * 1e6);
        } else if (strcmp(argv[i], "--itl-ms") == 0 && i + 1 < argc) {
            itl_ns = (long)(atof(argv[++i]) * 1e6);
        } else if (strcmp(argv[i], "--lockstep") == 0) {
            lockstep = 1;
        } else if (argv[i][0] != '-') {
            port = atoi(argv[i]);
        } else {
            fprintf(stderr, "usage: %s [PORT] [--ttft-ms MS --itl-ms MS [--lockstep]]\n", argv[0]);
            return 2;
        }
    }
    if ((ttft_ns < 0) != (itl_ns < 0)) {
        fprintf(stderr, "--ttft-ms and --itl-ms go together\n");
        return 2;
    }
    if (lockstep && itl_ns < 0) {
        fprintf(stderr, "--lockstep needs --ttft-ms and --itl-ms\n");
        return 2;
    }
    int server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t address_len = sizeof address;
    if (bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, 4096) < 0 ||
        getsockname(server, (struct sockaddr *)&address, &address_len) < 0) {
        perror("bind/listen");
        return 1;
    }
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(poller, EPOLL_CTL_ADD, server, &event);
    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    static conn_t timer_mark;  // tags the timer's epoll events
    struct epoll_event timer_event = {.events = EPOLLIN, .data.ptr = &timer_mark};
    epoll_ctl(poller, EPOLL_CTL_ADD, timer, &timer_event);
    long armed_ns = 0;
    fprintf(stderr, "mock SSE server on http://127.0.0.1:%d/v1%s\n", ntohs(address.sin_port),
            ttft_ns >= 0 ? " (paced)" : "");
    struct epoll_event events[MAX_EVENTS];
    for (;;) {
        // Write every due event, then sleep until the next one is due or a socket is ready.
        long now = now_ns();
        while (heap_len > 0 && heap[0]->due_ns <= now) {
            conn_t *c = heap[0];
            if (write_due_event(c, now) < 0) close_conn(poller, c);
            now = now_ns();
        }
        if (heap_len > 0 && heap[0]->due_ns != armed_ns) {
            armed_ns = heap[0]->due_ns;
            struct itimerspec when = {.it_value = {.tv_sec = armed_ns / 1000000000L, .tv_nsec = armed_ns % 1000000000L}};
            timerfd_settime(timer, TFD_TIMER_ABSTIME, &when, NULL);
        }
        int ready = epoll_wait(poller, events, MAX_EVENTS, -1);
        for (int i = 0; i < ready; i++) {
            conn_t *c = events[i].data.ptr;
            if (c == &timer_mark) {
                unsigned long long expirations;
                while (read(timer, &expirations, sizeof expirations) > 0) {}
                armed_ns = 0;
                continue;
            }
            if (!c) {
                int fd;
                while ((fd = accept4(server, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    conn_t *fresh = calloc(1, sizeof *fresh);
                    fresh->fd = fd;
                    fresh->heap_index = -1;
                    struct epoll_event watch = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = fresh};
                    epoll_ctl(poller, EPOLL_CTL_ADD, fd, &watch);
                }
                continue;
            }
            int closed = 0;
            if (events[i].events & EPOLLIN) {
                for (;;) {
                    if (c->in_len + 65536 > c->in_cap) {
                        c->in_cap = c->in_len + 65536;
                        c->in = realloc(c->in, c->in_cap);
                    }
                    ssize_t n = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
                    if (n > 0) {
                        c->in_len += n;
                        if (c->in_len > READ_LIMIT) { closed = 1; break; }
                        continue;
                    }
                    if (n == 0 || errno != EAGAIN) closed = 1;
                    break;
                }
                if (!closed) serve_buffered(c);
            }
            if (!closed && flush_out(c) < 0) closed = 1;
            if (closed || (events[i].events & (EPOLLHUP | EPOLLERR))) close_conn(poller, c);
        }
    }
}
