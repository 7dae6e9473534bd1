/* libmodbus baseline of `make bench`: N sequential reads of 10 holding registers; prints reads per second. */
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    int count = atoi(argv[2]);
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", atoi(argv[1]));
    if (ctx == NULL || modbus_connect(ctx) != 0) return 1;
    modbus_set_slave(ctx, 1);
    uint16_t registers[10];
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < count; i++) {
        if (modbus_read_registers(ctx, 0, 10, registers) != 10) return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%.0f\n", count / seconds);
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}
