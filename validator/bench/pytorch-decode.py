#!/usr/bin/python3
"""PyTorch's cost of one more token, cached and recomputed, for the comparison in docs/performance.md.

The same work as validator/jmh's ReferenceDecodeBenchmark: float64, dModel 512, 8 heads, batch 1; with the cache, one
decode step on a cache of positions - 1 (the cache is concatenated, as the kit's contract asks); without it, a causal
pass over all positions. Each iteration runs the step for about --seconds and reports its mean; the figure is the
median of --iterations iterations, after --warmup of them.

Usage (from anywhere; needs python3 and torch, e.g. Debian's python3-torch 1.13):
    validator/bench/pytorch-decode.py [--positions 128 256 512 1024] [--iterations 10] [--warmup 5] [--seconds 1]
"""
import argparse
import math
import os
import statistics
import time

import torch

D_MODEL = 512
HEADS = 8


class Attention:
    """Multi-head attention with a key/value cache, written out step by step like the kit's reference."""

    def __init__(self, generator):
        def uniform(*shape):
            bound = 1.0 / math.sqrt(D_MODEL)
            return (torch.rand(*shape, generator=generator, dtype=torch.float64) * 2 - 1) * bound

        self.wq, self.wk, self.wv, self.wo = (uniform(D_MODEL, D_MODEL) for _ in range(4))
        self.bq, self.bk, self.bv, self.bo = (uniform(D_MODEL) for _ in range(4))
        self.head_dim = D_MODEL // HEADS

    def split(self, x):  # [B, T, D] -> [B, H, T, Dh]
        b, t, _ = x.shape
        return x.view(b, t, HEADS, self.head_dim).transpose(1, 2)

    def forward(self, x, cache):
        b, t, _ = x.shape
        q = torch.addmm(self.bq, x.view(b * t, D_MODEL), self.wq).view(b, t, D_MODEL)  # [B, T, D]
        k = torch.addmm(self.bk, x.view(b * t, D_MODEL), self.wk).view(b, t, D_MODEL)  # [B, T, D]
        v = torch.addmm(self.bv, x.view(b * t, D_MODEL), self.wv).view(b, t, D_MODEL)  # [B, T, D]
        if cache is not None:
            k = torch.cat([cache[0], k], dim=1)  # [B, L, D]
            v = torch.cat([cache[1], v], dim=1)  # [B, L, D]
        total = k.shape[1]
        scores = self.split(q) @ self.split(k).transpose(-1, -2) / math.sqrt(self.head_dim)  # [B, H, T, L]
        offset = total - t  # query i sees keys 0..i + offset
        future = torch.ones(t, total, dtype=torch.bool).triu(offset + 1)
        scores = scores.masked_fill(future, float("-inf"))
        weights = torch.softmax(scores, dim=-1)  # [B, H, T, L]
        context = (weights @ self.split(v)).transpose(1, 2).reshape(b * t, D_MODEL)  # [B*T, D]
        out = torch.addmm(self.bo, context, self.wo).view(b, t, D_MODEL)  # [B, T, D]
        return out, (k, v), weights


def per_call_ms(step, iterations, warmup, seconds):
    """The median over iterations of the mean time of one call, in ms."""
    means = []
    for i in range(warmup + iterations):
        calls = 0
        start = time.perf_counter()
        while True:
            step()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        if i >= warmup:
            means.append(elapsed / calls * 1000)
    return statistics.median(means), means


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, nargs="+", default=[128, 256, 512, 1024])
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"load before {os.getloadavg()[0]:.2f}")
    print("positions  cached ms/token  recomputed ms/token  ratio")
    generator = torch.Generator().manual_seed(20261202)
    attention = Attention(generator)
    with torch.no_grad():
        for positions in args.positions:
            everything = torch.rand(1, positions, D_MODEL, generator=generator, dtype=torch.float64)
            prefix = torch.rand(1, positions - 1, D_MODEL, generator=generator, dtype=torch.float64)
            token = torch.rand(1, 1, D_MODEL, generator=generator, dtype=torch.float64)
            _, cache, _ = attention.forward(prefix, None)
            cached, _ = per_call_ms(lambda: attention.forward(token, cache), args.iterations, args.warmup,
                                    args.seconds)
            recomputed, _ = per_call_ms(lambda: attention.forward(everything, None), args.iterations,
                                        args.warmup, args.seconds)
            print(f"{positions:9d}  {cached:15.3f}  {recomputed:19.3f}  {recomputed / cached:5.1f} x")
    print(f"load after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
