/*
 * A minimal LV2 host on lilv for the tests: instantiates PLUGIN_URI at RATE Hz, feeds a raw mono
 * float file in blocks of 64 to 4096 frames (varying), checks every output block equals its input,
 * and prints each control output as "symbol value" after the last block.
 *   lv2_host PLUGIN_URI RATE SAMPLES.f32 [symbol=value ...]   (LV2_PATH says where the bundle is)
 */
#include <lilv/lilv.h>
#include <math.h>
#include <string.h>
#include "block_sizes.h"

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: lv2_host PLUGIN_URI RATE SAMPLES.f32 [symbol=value ...]\n"); return 2; }
    double rate = atof(argv[2]);
    size_t total;
    float *samples = read_samples(argv[3], &total);

    LilvWorld *world = lilv_world_new();
    lilv_world_load_all(world);
    LilvNode *uri = lilv_new_uri(world, argv[1]);
    const LilvPlugin *plugin = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(world), uri);
    if (!plugin) { fprintf(stderr, "plugin %s not found\n", argv[1]); return 1; }

    LilvNode *audio = lilv_new_uri(world, LILV_URI_AUDIO_PORT);
    LilvNode *input = lilv_new_uri(world, LILV_URI_INPUT_PORT);
    uint32_t ports = lilv_plugin_get_num_ports(plugin);
    float *defaults = calloc(ports, sizeof(float));
    float *controls = calloc(ports, sizeof(float));
    float **buffers = calloc(ports, sizeof(float *));
    lilv_plugin_get_port_ranges_float(plugin, NULL, NULL, defaults);

    LilvInstance *instance = lilv_plugin_instantiate(plugin, rate, NULL);
    if (!instance) { fprintf(stderr, "instantiate failed\n"); return 1; }

    uint32_t audio_in = UINT32_MAX, audio_out = UINT32_MAX;
    for (uint32_t p = 0; p < ports; p++) {
        const LilvPort *port = lilv_plugin_get_port_by_index(plugin, p);
        if (lilv_port_is_a(plugin, port, audio)) {
            buffers[p] = calloc(MAX_BLOCK, sizeof(float));
            lilv_instance_connect_port(instance, p, buffers[p]);
            if (lilv_port_is_a(plugin, port, input)) audio_in = p; else audio_out = p;
            continue;
        }
        controls[p] = isnan(defaults[p]) ? 0 : defaults[p];
        const char *symbol = lilv_node_as_string(lilv_port_get_symbol(plugin, port));
        for (int a = 4; a < argc; a++) {
            size_t n = strlen(symbol);
            if (strncmp(argv[a], symbol, n) == 0 && argv[a][n] == '=') controls[p] = (float)atof(argv[a] + n + 1);
        }
        lilv_instance_connect_port(instance, p, &controls[p]);
    }

    lilv_instance_activate(instance);
    uint32_t state = 12345;
    size_t mismatches = 0, blocks = 0;
    for (size_t at = 0; at < total; blocks++) {
        size_t n = next_block_size(&state);
        if (n > total - at) n = total - at;
        memcpy(buffers[audio_in], samples + at, n * sizeof(float));
        lilv_instance_run(instance, (uint32_t)n);
        if (memcmp(buffers[audio_in], samples + at, n * sizeof(float)) != 0 ||
            memcmp(buffers[audio_out], samples + at, n * sizeof(float)) != 0) mismatches++;
        at += n;
    }
    lilv_instance_deactivate(instance);

    printf("blocks %zu\nmismatched_blocks %zu\n", blocks, mismatches);
    for (uint32_t p = 0; p < ports; p++) {
        const LilvPort *port = lilv_plugin_get_port_by_index(plugin, p);
        if (!lilv_port_is_a(plugin, port, audio) && !lilv_port_is_a(plugin, port, input))
            printf("%s %.9g\n", lilv_node_as_string(lilv_port_get_symbol(plugin, port)), controls[p]);
    }

    lilv_instance_free(instance);
    lilv_node_free(audio);
    lilv_node_free(input);
    lilv_node_free(uri);
    lilv_world_free(world);
    return 0;
}
