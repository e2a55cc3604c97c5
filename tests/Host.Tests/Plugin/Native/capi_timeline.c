/*
 * Calls the C API of genre.h window by window: creates a classifier at RATE Hz with the given
 * hysteresis and silence threshold, feeds a raw mono float file in blocks of 64 to 4096 samples
 * (varying), and after every block that completed a window prints "window <n> <current> <status>"
 * (current: the genre's name, or "none"; status: music, unknown or silence).
 *   capi_timeline RATE SAMPLES.f32 MARGIN HOLD_SECONDS SILENCE_DBFS
 */
#include <genre.h>
#include "block_sizes.h"

static const char *status_name(int status)
{
    return status == 0 ? "music" : status == 1 ? "unknown" : status == 2 ? "silence" : "failed";
}

int main(int argc, char **argv)
{
    if (argc != 6) { fprintf(stderr, "usage: capi_timeline RATE SAMPLES.f32 MARGIN HOLD_SECONDS SILENCE_DBFS\n"); return 2; }
    size_t total;
    float *samples = read_samples(argv[2], &total);

    genre_classifier *classifier = genre_create(atof(argv[1]), NULL);
    if (!classifier) { fprintf(stderr, "genre_create: %s\n", genre_last_error()); return 1; }
    if (genre_set_hysteresis(classifier, atof(argv[3]), atof(argv[4])) != 0 ||
        genre_set_silence_threshold(classifier, (float)atof(argv[5])) != 0) {
        fprintf(stderr, "settings: %s\n", genre_last_error());
        return 1;
    }

    printf("bad_margin %d\n", genre_set_hysteresis(classifier, 1.5, 0));
    uint32_t state = 4242;
    long long windows = 0;
    for (size_t at = 0; at < total;) {
        size_t n = next_block_size(&state);
        if (n > total - at) n = total - at;
        if (genre_process(classifier, samples + at, n) != 0) { fprintf(stderr, "genre_process: %s\n", genre_last_error()); return 1; }
        at += n;
        long long now = genre_windows(classifier);
        if (now > windows + 1) { fprintf(stderr, "one block completed %lld windows\n", now - windows); return 1; }
        if (now > windows) {
            int current = genre_current(classifier);
            printf("window %lld %s %s\n", now, current >= 0 ? genre_name(classifier, current) : "none", status_name(genre_status(classifier)));
            windows = now;
        }
    }

    genre_destroy(classifier);
    free(samples);
    return 0;
}
