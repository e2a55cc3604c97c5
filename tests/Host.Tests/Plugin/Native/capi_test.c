/*
 * Calls the C API of genre.h as an embedder would: creates a classifier at RATE Hz, feeds a raw
 * mono float file in blocks of 64 to 4096 samples (varying), and prints the results; then checks
 * the failures (a bad model path, a bad rate) come back as NULL with a message.
 *   capi_test RATE SAMPLES.f32
 */
#include <genre.h>
#include "block_sizes.h"

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: capi_test RATE SAMPLES.f32\n"); return 2; }
    size_t total;
    float *samples = read_samples(argv[2], &total);

    genre_classifier *classifier = genre_create(atof(argv[1]), NULL);
    if (!classifier) { fprintf(stderr, "genre_create: %s\n", genre_last_error()); return 1; }
    printf("before %d %lld\n", genre_current(classifier), genre_windows(classifier));

    uint32_t state = 777;
    for (size_t at = 0; at < total;) {
        size_t n = next_block_size(&state);
        if (n > total - at) n = total - at;
        if (genre_process(classifier, samples + at, n) != 0) { fprintf(stderr, "genre_process: %s\n", genre_last_error()); return 1; }
        at += n;
    }

    float probabilities[16];
    int count = genre_probabilities(classifier, probabilities, 16);
    int current = genre_current(classifier);
    printf("count %d\nwindows %lld\ngenre %d %s\nconfidence %.9g\n", count, genre_windows(classifier), current,
           genre_name(classifier, current), genre_confidence(classifier));
    for (int k = 0; k < count; k++) printf("p %s %.9g\n", genre_name(classifier, k), probabilities[k]);
    printf("name_out_of_range %s\n", genre_name(classifier, count) == NULL ? "null" : "set");
    printf("bad_smoothing %d\n", genre_set_smoothing(classifier, -1));
    genre_destroy(classifier);
    genre_destroy(NULL);

    genre_classifier *missing = genre_create(44100, "/nonexistent/model.json");
    printf("missing_model %s %s\n", missing == NULL ? "null" : "set", genre_last_error());
    genre_classifier *bad_rate = genre_create(0, NULL);
    printf("bad_rate %s %s\n", bad_rate == NULL ? "null" : "set", genre_last_error());
    free(samples);
    return 0;
}
