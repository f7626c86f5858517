/* The benchmark's floor (bench/run.sh builds it with `cc -O2 -static`): the least a process can do to send
 * the notification that `sendmsg ding` sends. One plain-HTTP POST of the JSON body to 127.0.0.1:PORT, the
 * whole reply read, then exit 0 when it was `200` and 1 otherwise. No DNS, no TLS, no signing, no parsing
 * beyond the status line: whatever sendmsg spends above this is its own.
 *
 *     floor PORT PATH BODY
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4) {
        fputs("usage: floor PORT PATH BODY\n", stderr);
        return 2;
    }
    const char *path = argv[2], *body = argv[3];
    struct sockaddr_in sink = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1]))};
    sink.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sink, sizeof sink) != 0) {
        perror("floor: connect");
        return 1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    /* Head and body in one write, as a sender that cares would do. */
    char request[8192];
    int length = snprintf(request, sizeof request,
                          "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          path, argv[1], strlen(body), body);
    if (length < 0 || (size_t)length >= sizeof request) {
        fputs("floor: request too long\n", stderr);
        return 2;
    }
    for (int sent = 0; sent < length;) {
        ssize_t n = write(fd, request + sent, (size_t)(length - sent));
        if (n <= 0) {
            perror("floor: write");
            return 1;
        }
        sent += (int)n;
    }
    /* The whole reply, up to the sink's close (Connection: close); only its status line is kept. */
    char status[16] = {0}, chunk[4096];
    size_t seen = 0;
    for (ssize_t n; (n = read(fd, chunk, sizeof chunk)) > 0;) {
        for (ssize_t i = 0; i < n && seen < sizeof status - 1; i++) {
            status[seen++] = chunk[i];
        }
    }
    close(fd);
    return strncmp(status, "HTTP/1.1 200 ", 13) == 0 ? 0 : 1;
}
