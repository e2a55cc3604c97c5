/*
 * genre stream: a real-time music-genre classifier, as a C library (libgenre.so).
 *
 * Build: scripts/build-plugin.sh <dir>   (writes <dir>/libgenre.so and <dir>/genre.lv2/)
 * Link:  cc app.c -I src/Plugin/include -L <dir> -lgenre -Wl,-rpath,<dir>
 *
 * Push mono float samples at the rate given to genre_create, in blocks of any size; after each
 * block read the smoothed probabilities of the genres and the current genre. The audio is
 * resampled to the model's rate inside, cut into 3-s texture windows every 1.5 s, classified and
 * smoothed (exponential moving average, time constant in seconds, 4 by default). The current genre is
 * decided as `genre listen` decides it (the same code): silence holds it and restarts the smoothing
 * after, unknown audio holds it, and windows straddling a pause and music never switch it; by default
 * there is no hysteresis (margin 0, hold 0: the top smoothed genre). With the same settings the results
 * equal `genre classify --timeline` and `genre listen` on the same audio.
 *
 * Threads: one classifier is used by one thread at a time; different classifiers are independent.
 * genre_process allocates nothing and takes no lock once the classifier exists (real-time safe).
 */
#ifndef GENRE_H
#define GENRE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct genre_classifier genre_classifier;

/*
 * Creates a classifier for mono audio at sample_rate Hz (1 to 1000000). model_path is a model file
 * written by `genre train`, or NULL for the model built into the library. Returns NULL on failure;
 * genre_last_error() then says why.
 */
genre_classifier *genre_create(double sample_rate, const char *model_path);

/*
 * The last failure on this thread, as one line of UTF-8 (NULL if none). Valid until the next
 * failing call on the same thread.
 */
const char *genre_last_error(void);

/* Pushes count mono samples. Returns 0, or -1 on failure (see genre_last_error). */
int genre_process(genre_classifier *classifier, const float *samples, size_t count);

/* Number of genres the model knows (10 for the bundled model). */
int genre_count(const genre_classifier *classifier);

/*
 * Writes the smoothed probability of each genre (summing to 1; uniform before the first window)
 * into probabilities, at most capacity values. Returns the number of genres.
 */
int genre_probabilities(const genre_classifier *classifier, float *probabilities, size_t capacity);

/* Index of the current genre (the top smoothed one without hysteresis), or -1 before the first music and while silent. */
int genre_current(const genre_classifier *classifier);

/*
 * What the latest window was: 0 music, 1 unknown audio (not one of the genres, or not music: speech,
 * tones, noise), 2 silence. 0 before the first window; -1 on failure.
 */
int genre_status(const genre_classifier *classifier);

/* Smoothed probability of the current genre (0 when genre_current is -1). */
float genre_confidence(const genre_classifier *classifier);

/* Name of genre index (e.g. "rock"), or NULL when out of range. Owned by the classifier. */
const char *genre_name(const genre_classifier *classifier, int index);

/* Texture windows classified so far (one every 1.5 s of audio once the first 3 s have arrived). */
long long genre_windows(const genre_classifier *classifier);

/* Sets the smoothing time constant in seconds (0 = none). Returns 0, or -1 if it is negative or not finite. */
int genre_set_smoothing(genre_classifier *classifier, double seconds);

/*
 * Sets the hysteresis: another genre becomes the current one only after leading it by margin (smoothed
 * probability, 0 to 1) for hold_seconds (0 to 3600) of audio. The default, 0 and 0, follows the top
 * genre at once; `genre listen` uses 0.1 and 3. Returns 0, or -1 if a value is out of range.
 */
int genre_set_hysteresis(genre_classifier *classifier, double margin, double hold_seconds);

/*
 * Sets the silence threshold in dBFS (RMS of a 3-s window). Quieter windows leave the
 * probabilities as they were and make genre_current -1 (genre_status 2); the smoothing starts afresh
 * when music returns. The default, -120, never holds.
 * Returns 0, or -1 if it is NaN.
 */
int genre_set_silence_threshold(genre_classifier *classifier, float dbfs);

/* Frees the classifier. NULL is ignored. */
void genre_destroy(genre_classifier *classifier);

#ifdef __cplusplus
}
#endif

#endif
