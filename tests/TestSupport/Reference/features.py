"""Independent numpy/scipy reference for the spectral features (test use only).

Usage: features.py '<spec json>' <signal.f32> <out.f32>
Reads mono float32 samples, writes float32 rows: first the per-frame features of every frame
(frames x F), then the texture vectors (windows x 2F). The shapes go to stdout as JSON.
Written from the definitions (librosa's Slaney mel, scipy's orthonormal DCT-II), not from the C# code.
"""
import json
import sys

import numpy as np
from scipy.fft import dct, rfft

spec = json.loads(sys.argv[1])
x = np.fromfile(sys.argv[2], dtype=np.float32).astype(np.float64)
sr, n, hop = spec["sampleRate"], spec["frameSize"], spec["hopSize"]
n_mels, n_mfcc = spec["melBands"], spec["mfccCount"]
fmin = spec["melMinHz"]
band = min(spec.get("bandLimitHz", 0) or sr / 2, sr / 2)
band_limited = band < sr / 2
spectral_floor = spec.get("spectralFloorDecibels", 0)
fmax = min(spec["melMaxHz"] or sr / 2, band)
include_logmel = spec["includeLogMel"]
log_freq = spec.get("logFrequencies", False)
deltas = spec.get("mfccDeltas", False)
rhythm = spec.get("rhythm", False)
mod_groups = spec.get("modulationGroups", 0)
correlations = spec.get("mfccCorrelations", 0)
cep_bands = spec.get("cepstrumMelBands", 0) or n_mels
log_std = spec.get("logDeviations", False)


def deviation(values):
    return np.log(values + 1e-3) if log_std else values

frame_rate = sr / hop


def hz_to_mel(f):
    f = np.atleast_1d(np.asarray(f, dtype=np.float64))
    mel = f / (200.0 / 3)
    high = f >= 1000.0
    mel[high] = 15.0 + np.log(f[high] / 1000.0) / (np.log(6.4) / 27.0)
    return mel


def mel_to_hz(m):
    m = np.atleast_1d(np.asarray(m, dtype=np.float64))
    f = m * (200.0 / 3)
    high = m >= 15.0
    f[high] = 1000.0 * np.exp((np.log(6.4) / 27.0) * (m[high] - 15.0))
    return f


freqs = np.arange(n // 2 + 1) * sr / n


def filterbank(bands):
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin)[0], hz_to_mel(fmax)[0], bands + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - freqs[None, :]
    bank = np.zeros((bands, len(freqs)))
    for i in range(bands):
        bank[i] = np.maximum(0, np.minimum(-ramps[i] / fdiff[i], ramps[i + 2] / fdiff[i + 1]))
    return bank * (2.0 / (mel_f[2:bands + 2] - mel_f[:bands]))[:, None]


fb = filterbank(n_mels)
fb_cep = filterbank(cep_bands) if cep_bands != n_mels else fb

chroma_class = np.full(len(freqs), -1)
valid = (freqs >= spec["chromaMinHz"]) & (freqs <= spec["chromaMaxHz"]) & (freqs > 0)
chroma_class[valid] = np.mod(np.round(69 + 12 * np.log2(freqs[valid] / 440.0)).astype(int), 12)

window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)
count = 1 + (len(x) - n) // hop if len(x) >= n else 0
rows = []
hidden = []
previous = None
for t in range(count):
    frame = x[t * hop:t * hop + n]
    power = np.abs(rfft(frame * window)) ** 2
    in_band = int(np.floor(band * n / sr)) + 1
    if spectral_floor > 0:
        power = np.maximum(power, power[:in_band].mean() * 10 ** (-spectral_floor / 10))
    mag = np.sqrt(power)
    logmel = 10 * np.log10(np.maximum(fb @ power, 1e-10))
    logmel_cep = logmel if fb_cep is fb else 10 * np.log10(np.maximum(fb_cep @ power, 1e-10))
    mfcc = dct(logmel_cep, type=2, norm="ortho")[:n_mfcc]
    bm, bp, bf = mag[:in_band], power[:in_band], freqs[:in_band]
    total = bm.sum()
    centroid = (bf * bm).sum() / total
    bandwidth = np.sqrt((bm * (bf - centroid) ** 2).sum() / total)
    rolloff = bf[np.nonzero(np.cumsum(bm) >= spec["rolloffFraction"] * total)[0][0]]
    p = np.maximum(bp, 1e-10)
    flatness = np.exp(np.mean(np.log(p))) / np.mean(p)
    flux = 0.0 if previous is None else np.mean(np.maximum(0, logmel - previous))
    previous = logmel
    negative = frame < 0
    zcr = np.count_nonzero(negative[1:] != negative[:-1]) / n
    if band_limited:  # Rice's formula on the band-limited spectrum
        zcr = 2 * np.sqrt((bf ** 2 * bp).sum() / bp.sum()) / sr if bp.sum() > 0 else 0.0
    ms = np.mean(frame ** 2)
    rms_db = 10 * np.log10(ms) if ms > 1e-10 else -100.0
    chroma = np.array([power[chroma_class == c].sum() for c in range(12)])
    if chroma.max() > 0:
        chroma = chroma / chroma.max()
    if log_freq:
        centroid, bandwidth, rolloff = (np.log(max(v, 1.0)) for v in (centroid, bandwidth, rolloff))
    parts = [mfcc] + ([logmel] if include_logmel else []) + [
        [centroid, bandwidth, rolloff, flatness, flux, zcr, rms_db], chroma]
    rows.append(np.concatenate([np.atleast_1d(np.asarray(part, dtype=np.float64)) for part in parts]))
    hidden.append(logmel)

frames = np.array(rows)
hidden = np.array(hidden)
T = max(1, int(round(spec["textureSeconds"] * sr / hop)))
S = max(1, int(round(spec["textureHopSeconds"] * sr / hop)))
flux_column = n_mfcc + (n_mels if include_logmel else 0) + 4
BPM = [40, 55, 75, 100, 135, 180, 240]


def describe(block, logmel_block):
    L = len(block)
    parts = [block.mean(axis=0), deviation(block.std(axis=0))]
    if deltas:
        d = np.diff(block[:, :n_mfcc], axis=0)
        parts.append(deviation(d.std(axis=0) if len(d) else np.zeros(n_mfcc)))
    if rhythm:
        o = block[:, flux_column] - block[:, flux_column].mean()
        r0 = np.dot(o, o) / L
        lags = np.arange(int(np.ceil(60 * frame_rate / 240)), int(np.floor(60 * frame_rate / 40)) + 1)
        lags = lags[lags <= L - 8]
        out = np.zeros(7)
        if r0 > 1e-12 and len(lags):
            acf = np.array([np.dot(o[:L - l], o[l:]) / (L - l) for l in lags]) / r0
            bpm = 60 * frame_rate / lags
            for b in range(6):
                m = (bpm >= BPM[b]) & (bpm < BPM[b + 1])
                out[b] = acf[m].mean() if m.any() else 0.0
            out[6] = acf.max()
        parts.append(out)
    if mod_groups:
        g = logmel_block.reshape(L, mod_groups, n_mels // mod_groups).mean(axis=2)
        g = g - g.mean(axis=0)
        w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(L) / L)
        power = np.abs(np.fft.rfft(g * w[:, None], axis=0)) ** 2 / L
        fq = np.arange(power.shape[0]) * frame_rate / L
        bands = [10 * np.log10(power[(fq >= lo) & (fq < hi)].sum(axis=0) + 1e-10) for lo, hi in ((1, 2), (2, 4), (4, 8), (8, 16))]
        parts.append(np.concatenate(bands))
    if correlations:
        c = block[:, :correlations] - block[:, :correlations].mean(axis=0)
        norms = np.sqrt((c * c).sum(axis=0))
        values = []
        for i in range(correlations):
            for j in range(i + 1, correlations):
                d = norms[i] * norms[j]
                values.append(float((c[:, i] * c[:, j]).sum() / d) if d > 1e-12 else 0.0)
        parts.append(np.array(values))
    return np.concatenate(parts)


textures = []
for end in range(T, count + 1, S):
    textures.append(describe(frames[end - T:end], hidden[end - T:end]))
if not textures and count > 0:
    textures.append(describe(frames, hidden))
textures = np.array(textures)

with open(sys.argv[3], "wb") as out:
    frames.astype(np.float32).tofile(out)
    textures.astype(np.float32).tofile(out)
print(json.dumps({"frames": list(frames.shape), "textures": list(textures.shape)}))
