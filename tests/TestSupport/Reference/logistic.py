"""Reference logistic regression fit for SoftmaxTrainer parity tests (scikit-learn 1.2).

usage: logistic.py X.f64 y.i32 n d C multinomial|ovr
X.f64 is the row-major n x d standardised matrix (float64), y.i32 the class index of each row.
Prints JSON: objective (sum of cross-entropy + ||W||^2/(2C), biases unpenalised; for ovr the sum over
classes of binary cross-entropy + ||w_k||^2/(2C)), predictions, coef (K x d), intercept (K), n_iter.
"""
import json
import sys

import numpy as np
from scipy.special import logsumexp, log_expit
from sklearn.linear_model import LogisticRegression


def main():
    x_path, y_path, n, d, c, kind = sys.argv[1:7]
    n, d, c = int(n), int(d), float(c)
    x = np.fromfile(x_path, dtype=np.float64).reshape(n, d)
    y = np.fromfile(y_path, dtype=np.int32)
    model = LogisticRegression(multi_class=kind, solver="lbfgs", C=c, max_iter=10000, tol=1e-10)
    model.fit(x, y)
    w, b = model.coef_, model.intercept_
    z = x @ w.T + b
    if kind == "multinomial":
        loss = np.sum(logsumexp(z, axis=1) - z[np.arange(n), y])
    else:
        t = np.zeros_like(z)
        t[np.arange(n), y] = 1
        loss = -np.sum(t * log_expit(z) + (1 - t) * log_expit(-z))
    objective = loss + np.sum(w * w) / (2 * c)
    print(json.dumps({
        "objective": float(objective),
        "predictions": model.predict(x).astype(int).tolist(),
        "coef": w.tolist(),
        "intercept": b.tolist(),
        "n_iter": np.asarray(model.n_iter_).astype(int).tolist(),
    }))


if __name__ == "__main__":
    main()
