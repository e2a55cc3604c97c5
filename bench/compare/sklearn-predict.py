"""For bench/compare.sh: scikit-learn's predict_proba with our model's parameters on our feature matrix.

Usage: python3 sklearn-predict.py <model.json> <folder with x.f32 and p.f32> [repeats]
Builds StandardScaler + LogisticRegression (multinomial) holding exactly our model's mean, deviation, weights and
biases (divided by its temperature), times predict_proba on the whole matrix (best of the repeats), checks its
probabilities against ours, and prints one JSON line.
"""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main():
    model_path, folder = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    with open(model_path) as f:
        model = json.load(f)
    if model["modelKind"] != "Multinomial":
        sys.exit("sklearn-predict.py: only multinomial models are compared, not " + model["modelKind"])
    mean = np.asarray(model["standardization"]["mean"], dtype=np.float64)
    std = np.asarray(model["standardization"]["std"], dtype=np.float64)
    weights = np.asarray(model["weights"], dtype=np.float64) / model["temperature"]
    biases = np.asarray(model["biases"], dtype=np.float64) / model["temperature"]
    d, k = len(mean), len(biases)
    x = np.fromfile(folder + "/x.f32", dtype=np.float32).reshape(-1, d)
    ours = np.fromfile(folder + "/p.f32", dtype=np.float32).reshape(-1, k)

    scaler = StandardScaler()
    scaler.mean_, scaler.scale_, scaler.var_ = mean, std, std**2
    scaler.n_features_in_ = d
    logistic = LogisticRegression(multi_class="multinomial")
    logistic.coef_, logistic.intercept_, logistic.classes_ = weights, biases, np.arange(k)
    logistic.n_features_in_ = d
    pipeline = make_pipeline(scaler, logistic)

    theirs = pipeline.predict_proba(x)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        pipeline.predict_proba(x)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"rows": x.shape[0], "seconds": best, "max_abs_difference": float(np.abs(theirs - ours).max())}))


if __name__ == "__main__":
    main()
