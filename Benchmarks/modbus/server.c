/* The shared Modbus TCP server of `make bench`: libmodbus, 100 holding registers, 127.0.0.1 on a free port
 * (printed on stdout), one connection at a time, until killed. */
#include <modbus.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", 0);
    modbus_mapping_t *map = modbus_mapping_new(0, 0, 100, 0);
    if (ctx == NULL || map == NULL) return 1;
    for (int i = 0; i < 100; i++) map->tab_registers[i] = (uint16_t)(i * 10);
    int listener = modbus_tcp_listen(ctx, 1);
    if (listener < 0) return 1;
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    getsockname(listener, (struct sockaddr *)&address, &length);
    printf("%d\n", ntohs(address.sin_port));
    fflush(stdout);
    for (;;) {
        int client = modbus_tcp_accept(ctx, &listener);
        if (client < 0) return 1;
        uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
        for (;;) {
            int size = modbus_receive(ctx, query);
            if (size > 0) modbus_reply(ctx, query, size, map);
            else if (size < 0) break;
        }
        close(client);
    }
}
