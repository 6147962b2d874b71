// A minimal OpenAI-compatible streaming server in C, for measuring how many stream events a client
// can ingest when the server costs next to nothing (the Swift simulator shares the CPU otherwise).
//
//   cc -O2 -o /tmp/mock-sse-server scripts/mock-sse-server.c && /tmp/mock-sse-server 18090
//
// POST .../completions with "stream": true answers `max_tokens` SSE events (one token each, one
// HTTP chunk each, written back to back as fast as the socket takes them), a usage chunk and
// `data: [DONE]`; without "stream" it answers a JSON completion whose usage.prompt_tokens is the
// number of words of the prompt. Anything else gets 404. Single-threaded epoll, keep-alive,
// loopback only. It measures nothing itself.
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
#include <unistd.h>

#define MAX_EVENTS 256
#define READ_LIMIT (1 << 20)

typedef struct {
    int fd;
    char *in;
    size_t in_len, in_cap;
    char *out;
    size_t out_len, out_sent, out_cap;
} conn_t;

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

static long prompt_words(const char *body, size_t len) {
    const char *key = "\"prompt\":\"";
    char *at = memmem(body, len, key, strlen(key));
    if (!at) return 1;
    at += strlen(key);
    long words = 1;
    for (; at < body + len && *at != '"'; at++) {
        if (*at == '\\') { at++; continue; }
        if (*at == ' ') words++;
    }
    return words;
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
    if (!is_completion) {
        const char *answer = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 21\r\n\r\n"
                             "{\"error\":\"not found\"}";
        out_append(c, answer, strlen(answer));
        return head_len + body_len;
    }
    long tokens = json_int(body, body_len, "\"max_tokens\"", 16);
    int streaming = memmem(body, body_len, "\"stream\":true", 13) != NULL;
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
    size_t event_len = strlen(token_event);
    for (long i = 0; i < tokens; i++) out_chunk(c, token_event, event_len);
    int n = snprintf(text, sizeof text,
        "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"mock\",\"choices\":[],"
        "\"usage\":{\"prompt_tokens\":%ld,\"completion_tokens\":%ld,\"total_tokens\":%ld}}\n\n", prompt, tokens, prompt + tokens);
    out_chunk(c, text, n);
    out_chunk(c, "data: [DONE]\n\n", 14);
    out_append(c, "0\r\n\r\n", 5);
    return head_len + body_len;
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

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 18090;
    int server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, 4096) < 0) {
        perror("bind/listen");
        return 1;
    }
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(poller, EPOLL_CTL_ADD, server, &event);
    fprintf(stderr, "mock SSE server on http://127.0.0.1:%d/v1\n", port);
    struct epoll_event events[MAX_EVENTS];
    for (;;) {
        int ready = epoll_wait(poller, events, MAX_EVENTS, -1);
        for (int i = 0; i < ready; i++) {
            conn_t *c = events[i].data.ptr;
            if (!c) {
                int fd;
                while ((fd = accept4(server, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    conn_t *fresh = calloc(1, sizeof *fresh);
                    fresh->fd = fd;
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
                size_t used;
                while (!closed && (used = handle_request(c)) > 0) {
                    memmove(c->in, c->in + used, c->in_len - used);
                    c->in_len -= used;
                }
            }
            if (!closed && flush_out(c) < 0) closed = 1;
            if (closed || (events[i].events & (EPOLLHUP | EPOLLERR))) {
                epoll_ctl(poller, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd);
                free(c->in);
                free(c->out);
                free(c);
            }
        }
    }
}
