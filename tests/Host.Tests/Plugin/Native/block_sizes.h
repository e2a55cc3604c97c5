/* Block sizes for the test hosts: a fixed pseudo-random sequence from 64 to 4096 frames. */
#ifndef BLOCK_SIZES_H
#define BLOCK_SIZES_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { MIN_BLOCK = 64, MAX_BLOCK = 4096 };

static size_t next_block_size(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return MIN_BLOCK + (*state >> 8) % (MAX_BLOCK - MIN_BLOCK + 1);
}

/* Reads a whole file of raw 32-bit float samples; exits on failure. */
static float *read_samples(const char *path, size_t *count)
{
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(2); }
    fseek(file, 0, SEEK_END);
    long bytes = ftell(file);
    fseek(file, 0, SEEK_SET);
    float *samples = malloc((size_t)bytes);
    *count = fread(samples, sizeof(float), (size_t)bytes / sizeof(float), file);
    fclose(file);
    return samples;
}

#endif
