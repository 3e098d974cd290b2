#!/usr/bin/env python3
"""Baco's compressed tables and trained models in PyTorch (see docs/PYTORCH.md).

Needs only numpy and torch (tested with numpy 1.24 and torch 1.13).

As a module:

    from baco_torch import load_tables, load_model
    tables = load_tables("beauty-baco")            # a `baco compress` output directory
    user_bag, item_bag = tables.embedding_bags(64)  # two trainable nn.EmbeddingBag
    users = tables.users.embed(user_bag)            # users x 64, one row per user

    model = load_model("beauty-model")             # a `baco train` output directory
    model.recommend("42", k=10)                    # [(item id, score), ...] as `baco recommend`

From the command line:

    python3 baco_torch.py tables DIR [--json]
    python3 baco_torch.py recommend MODEL --user ID [--user ID ...] [-k K] [--json]
    python3 baco_torch.py recommend MODEL --items I1,I2,... --assigned DIR [-k K] [--json]

Bad input (a missing file, an unknown id, a directory of another kind) ends with one line
"baco_torch: error: ..." on stderr and exit code 2.
"""

import argparse
import json
import os
import sys

import numpy as np
import torch


class BacoFormatError(Exception):
    """A directory, file or id that does not fit what baco writes."""


def _read_json(path):
    if not os.path.isfile(path):
        raise BacoFormatError(f"{path}: not found")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except ValueError as e:
        raise BacoFormatError(f"{path}: not valid JSON ({e})") from None


def _read_npy(path, dtype):
    if not os.path.isfile(path):
        raise BacoFormatError(f"{path}: not found")
    try:
        array = np.load(path, allow_pickle=False)
    except ValueError as e:
        raise BacoFormatError(f"{path}: not a .npy file ({e})") from None
    if array.dtype != np.dtype(dtype):
        raise BacoFormatError(f"{path}: holds {array.dtype}, expected {np.dtype(dtype)}")
    return array


def _directory_json(directory, name, kind):
    """The JSON file `name` of a directory written by baco, as (path, content)."""
    path = os.path.join(directory, name)
    if not os.path.isdir(directory):
        raise BacoFormatError(f"{directory}: not a directory")
    if not os.path.isfile(path):
        raise BacoFormatError(f"{directory}: not {kind} (no {name})")
    return path, _read_json(path)


def _field(meta, path, name):
    if name not in meta:
        raise BacoFormatError(f"{path}: no '{name}'")
    return meta[name]


class Side:
    """One side (users or items) of an assignment, in EmbeddingBag layout.

    Entity e uses codebook rows codes[offsets[e]:offsets[e + 1]]; offsets has entities + 1
    entries (the last is len(codes)), which is EmbeddingBag's include_last_offset=True.
    """

    def __init__(self, directory, meta, side):
        meta_path = os.path.join(directory, "assignment.json")
        self.name = side
        self.rows = int(_field(meta, meta_path, side + "_rows"))
        self.count = int(_field(meta, meta_path, side + "s"))
        codes = _read_npy(os.path.join(directory, side + "_codes.npy"), "<i4")
        offsets = _read_npy(os.path.join(directory, side + "_offsets.npy"), "<i8")
        if codes.ndim != 1 or offsets.shape != (self.count + 1,) or offsets[0] != 0 or offsets[-1] != len(codes):
            raise BacoFormatError(
                f"{directory}: {side}_codes.npy / {side}_offsets.npy do not describe {self.count} {side}s "
                f"(offsets must be {side}s + 1 long, from 0 to the number of codes)")
        if np.any(np.diff(offsets) <= 0) or (len(codes) and (codes.min() < 0 or codes.max() >= self.rows)):
            raise BacoFormatError(f"{directory}: {side}_codes.npy has an empty bag or a code outside 0..{self.rows - 1}")
        # EmbeddingBag wants indices and offsets of one integer type.
        self.codes = torch.from_numpy(codes.astype(np.int64))
        self.offsets = torch.from_numpy(offsets)
        self.ids = _read_ids(directory, meta, side, self.count)
        self.index = {name: k for k, name in enumerate(self.ids)}

    @property
    def extra_indices(self):
        """Codes beyond one per entity: each costs one parameter in baco's count."""
        return len(self.codes) - self.count

    def embed(self, bag):
        """Every entity's embedding through an EmbeddingBag over this side's codebook."""
        return bag(self.codes, self.offsets)

    def dense_id(self, name):
        if name not in self.index:
            article = "an" if self.name == "item" else "a"
            raise BacoFormatError(f"'{name}' is not {article} {self.name} of this directory ({self.count} {self.name}s)")
        return self.index[name]


def _read_ids(directory, meta, side, count):
    stored = _field(meta, os.path.join(directory, "assignment.json"), side + "_ids")
    if stored == "identity":
        return [str(k) for k in range(count)]  # ids were already 0..n-1: id k is row k
    path = os.path.join(directory, side + "_ids.txt")
    if not os.path.isfile(path):
        raise BacoFormatError(f"{path}: not found")
    with open(path, encoding="utf-8", newline="") as f:
        names = f.read().split("\n")
    if names[-1] != "" or len(names) - 1 != count:
        raise BacoFormatError(f"{path}: expected {count} ids, one a line")
    return names[:-1]


class Tables:
    """The assignment of a `baco compress` (or `baco train`) directory."""

    def __init__(self, directory):
        meta_path, meta = _directory_json(directory, "assignment.json", "a directory written by 'baco compress' or 'baco train'")
        if meta.get("format") != "baco-assignment":
            raise BacoFormatError(f"{meta_path}: not a baco assignment")
        self.directory = directory
        self.method = _field(meta, meta_path, "method")
        self.mode = _field(meta, meta_path, "combiner")  # "mean" or "sum": the EmbeddingBag mode
        if self.mode not in ("mean", "sum"):
            raise BacoFormatError(f"{meta_path}: unknown combiner '{self.mode}'")
        self.users = Side(directory, meta, "user")
        self.items = Side(directory, meta, "item")
        summary_path = os.path.join(directory, "summary.json")
        self.dim = _read_json(summary_path).get("dim") if os.path.isfile(summary_path) else None

    def parameters(self, dim):
        """baco's parameter count: codebook rows x dim plus one per extra index."""
        return (self.users.rows + self.items.rows) * dim + self.users.extra_indices + self.items.extra_indices

    def embedding_bags(self, dim=None, std=0.1, weights=None):
        """A (user, item) pair of nn.EmbeddingBag over the two codebooks.

        Fresh bags start from N(0, std^2), as `baco train`'s default initialisation; with
        weights=(user codebook, item codebook) they hold those rows, frozen.
        """
        if weights is not None:
            return tuple(
                torch.nn.EmbeddingBag.from_pretrained(torch.as_tensor(w), freeze=True, mode=self.mode, include_last_offset=True)
                for w in weights)
        dim = dim or self.dim
        if not dim:
            raise BacoFormatError(f"{self.directory}: give the embedding dimension (summary.json has none)")
        bags = []
        for side in (self.users, self.items):
            bag = torch.nn.EmbeddingBag(side.rows, dim, mode=self.mode, include_last_offset=True)
            torch.nn.init.normal_(bag.weight, std=std)
            bags.append(bag)
        return tuple(bags)


def load_tables(directory):
    """The assignment of a `baco compress` output (or of a model directory)."""
    return Tables(directory)


class Model:
    """A `baco train` model directory: codebooks, assignment, graph and seen items."""

    def __init__(self, directory):
        config_path, config = _directory_json(directory, "config.json", "a model directory written by 'baco train'")
        self.directory = directory
        self.kind = _field(config, config_path, "model")  # "lightgcn" or "mf"
        if self.kind not in ("lightgcn", "mf"):
            raise BacoFormatError(f"{config_path}: unknown model '{self.kind}'")
        self.layers = int(_field(config, config_path, "layers"))
        self.dim = int(_field(config, config_path, "dim"))
        self.tables = Tables(directory)
        books = []
        for side in (self.tables.users, self.tables.items):
            path = os.path.join(directory, side.name + "_codebook.npy")
            book = _read_npy(path, "<f4")
            if book.shape != (side.rows, self.dim):
                raise BacoFormatError(f"{path}: is {book.shape}, expected ({side.rows}, {self.dim})")
            if not np.isfinite(book).all():
                raise BacoFormatError(f"{path}: holds values that are not finite (a diverged or damaged model)")
            books.append(torch.from_numpy(book))
        self.user_bag, self.item_bag = self.tables.embedding_bags(weights=books)
        self.seen = self._pairs("seen")  # training and validation: never recommended
        self.graph = self._pairs("graph") if self.kind == "lightgcn" else None
        # The training interactions (every LightGCN model; MF models since 2026-12-03): items
        # without one learnt nothing and are never recommended. Older MF models: the seen ones.
        has_training = os.path.exists(os.path.join(self.directory, "graph_users.npy"))
        self.training = self.graph if self.graph is not None else self._pairs("graph") if has_training else self.seen
        self._final = None

    @property
    def users(self):
        return self.tables.users

    @property
    def items(self):
        return self.tables.items

    def _pairs(self, prefix):
        users = _read_npy(os.path.join(self.directory, prefix + "_users.npy"), "<i4")
        items = _read_npy(os.path.join(self.directory, prefix + "_items.npy"), "<i4")
        if users.shape != items.shape or users.ndim != 1:
            raise BacoFormatError(f"{self.directory}: {prefix}_users.npy and {prefix}_items.npy differ in length")
        if len(users) and (users.min() < 0 or users.max() >= self.users.count or items.min() < 0 or items.max() >= self.items.count):
            raise BacoFormatError(f"{self.directory}: {prefix}_*.npy name a user or item outside the model")
        return torch.from_numpy(users.astype(np.int64)), torch.from_numpy(items.astype(np.int64))

    def ego(self):
        """Layer-0 embeddings: each entity's codebook rows combined (mean or sum)."""
        return self.users.embed(self.user_bag), self.items.embed(self.item_bag)

    def adjacency(self):
        """D^-1/2 A D^-1/2 of the training graph over users 0..U-1 then items U..U+I-1."""
        u, i = self.graph
        n_users, n = self.users.count, self.users.count + self.items.count
        degree = torch.bincount(torch.cat([u, i + n_users]), minlength=n).double()
        weight = (1.0 / torch.sqrt(degree[u] * degree[i + n_users])).float()
        rows = torch.cat([u, i + n_users])
        cols = torch.cat([i + n_users, u])
        return torch.sparse_coo_tensor(torch.stack([rows, cols]), torch.cat([weight, weight]), (n, n)).coalesce()

    def layer_embeddings(self):
        """LightGCN's E(0), ..., E(L) over all nodes (users then items)."""
        eu, ei = self.ego()
        layers = [torch.cat([eu, ei])]
        adjacency = self.adjacency()
        for _ in range(self.layers):
            layers.append(torch.sparse.mm(adjacency, layers[-1]))
        return layers

    @torch.no_grad()
    def final_embeddings(self):
        """(users x dim, items x dim) final embeddings: MF's lookups, LightGCN's layer mean."""
        if self._final is None:
            if self.kind == "mf":
                self._final = self.ego()
            else:
                final = torch.stack(self.layer_embeddings()).mean(dim=0)
                self._final = (final[: self.users.count], final[self.users.count:])
        return self._final

    @torch.no_grad()
    def fold_in_user(self, codes, items):
        """The final embedding of a user outside the model with codebook rows `codes` and items
        `items` (dense ids): MF combines the rows; LightGCN propagates e(l+1) = sum over the
        items of E_i(l) / sqrt(|items| d_i) from the items' layer embeddings (d_i their training
        degree, at least 1) and averages e(0)..e(L)."""
        if not items:
            raise BacoFormatError("a new user needs at least one item")
        items = torch.tensor(sorted(set(items)), dtype=torch.int64)
        e = self.user_bag(torch.tensor(codes, dtype=torch.int64), torch.tensor([0, len(codes)], dtype=torch.int64))[0]
        if self.kind == "mf":
            return e
        degree = torch.bincount(self.graph[1], minlength=self.items.count)[items].clamp(min=1).double()
        weight = (1.0 / torch.sqrt(len(items) * degree)).float().unsqueeze(1)
        layers = self.layer_embeddings()
        total = e.clone()
        for layer in layers[: self.layers]:
            total += (layer[self.users.count + items] * weight).sum(dim=0)
        return total / (self.layers + 1)

    def recommend(self, user, k=20):
        """The k best unseen items for a user of the model (their own id), as `baco recommend`
        (items no training line holds are never recommended). A user of the validation data
        only is scored from their row here; `baco recommend` folds them in from their items."""
        u = self.users.dense_id(user)
        users, _ = self.final_embeddings()
        seen_users, seen_items = self.seen
        return self._rank(users[u], seen_items[seen_users == u], k)

    def recommend_new_user(self, codes, items, k=20):
        """`baco recommend --items`: the k best items other than `items` (item ids) for a new
        user whose codebook rows are `codes` (from `baco assign`, see user_codes())."""
        dense = [self.items.dense_id(i) for i in items]
        return self._rank(self.fold_in_user(codes, dense), torch.tensor(dense, dtype=torch.int64), k)

    @torch.no_grad()
    def _rank(self, user_vector, exclude, k):
        _, items = self.final_embeddings()
        # Scores are float32 as baco's; summing in float64 first keeps items with equal
        # embeddings exactly tied, so the tie rule below decides them as baco does.
        scores = (items.double() @ user_vector.double()).float()
        scores[exclude] = float("-inf")
        # Items with no training interaction learnt nothing: never recommended.
        _, training_items = self.training
        trained = torch.zeros(len(scores), dtype=torch.bool)
        trained[training_items] = True
        scores[~trained] = float("-inf")
        # Highest score first, ties to the lower item id (a stable sort keeps id order);
        # excluded items (-inf) are never returned, so fewer than k may come back.
        order = torch.sort(scores, descending=True, stable=True).indices
        order = order[scores[order] > float("-inf")][:k]
        return [(self.items.ids[j], float(scores[j])) for j in order.tolist()]


def load_model(directory):
    """A model directory written by `baco train`."""
    return Model(directory)


def user_codes(assigned, model, user=None):
    """The codebook rows `baco assign` gave a new user of `model`: `assigned` is its output
    directory for the user's interactions (by default the one user it added)."""
    known = model.users
    extended = Tables(assigned).users
    if extended.rows != known.rows or extended.count < known.count or \
            not torch.equal(extended.offsets[: known.count + 1], known.offsets) or \
            not torch.equal(extended.codes[: len(known.codes)], known.codes):
        raise BacoFormatError(f"{assigned}: not 'baco assign' output for the model in {model.directory}")
    added = extended.ids[known.count:]
    if user is None:
        if not added:
            raise BacoFormatError(f"{assigned}: adds no new user to the model")
        if len(added) > 1:
            raise BacoFormatError(f"{assigned}: adds {len(added)} users; name one with --user")
        user = added[0]
    u = extended.dense_id(user)
    if u < known.count:
        raise BacoFormatError(f"'{user}' is already a user of the model; recommend without --items")
    return extended.codes[extended.offsets[u]: extended.offsets[u + 1]].tolist()


def _tables_report(args):
    tables = load_tables(args.directory)
    dim = args.dim or tables.dim or 64
    user_bag, item_bag = tables.embedding_bags(dim)
    report = {"method": tables.method, "mode": tables.mode, "dim": dim, "params": tables.parameters(dim)}
    for side, bag in ((tables.users, user_bag), (tables.items, item_bag)):
        with torch.no_grad():
            shape = list(side.embed(bag).shape)
        report[side.name + "s"] = {"entities": side.count, "rows": side.rows, "codes": len(side.codes), "embeddings": shape}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{tables.method}: EmbeddingBag mode '{tables.mode}', dim {dim}, {report['params']} parameters")
    for side in ("users", "items"):
        s = report[side]
        print(f"  {side}: {s['entities']} entities -> {s['rows']} rows ({s['codes']} codes), embeddings {s['embeddings']}")


def _recommend(args):
    model = load_model(args.model)
    results = []
    if args.items is not None:
        if args.assigned is None:
            raise BacoFormatError("--items needs --assigned: the 'baco assign' output that holds the new user's rows")
        items = [i.strip() for i in args.items.split(",")]
        if any(not i for i in items):
            raise BacoFormatError(f"'--items': an empty item id in '{args.items}'")
        user = args.user[0] if args.user else None
        codes = user_codes(args.assigned, model, user)
        results.append((user, model.recommend_new_user(codes, items, args.k)))
    else:
        if not args.user:
            raise BacoFormatError("give --user (a user of the model) or --items with --assigned (a new user)")
        for user in args.user:
            results.append((user, model.recommend(user, args.k)))
    if args.json:
        print(json.dumps({"model": model.kind, "recommendations": [
            {"user": user, "items": [i for i, _ in top], "scores": [s for _, s in top]} for user, top in results]}))
        return
    for user, top in results:
        print(f"top {len(top)} for {'a new user' if args.items is not None else 'user ' + user}")
        for rank, (item, score) in enumerate(top, 1):
            print(f"{rank:>4}  {item}  {score:.4f}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="baco_torch", description="Baco's tables and models in PyTorch.")
    commands = parser.add_subparsers(dest="command", required=True)
    tables = commands.add_parser("tables", help="build the EmbeddingBags of a 'baco compress' output")
    tables.add_argument("directory")
    tables.add_argument("--dim", type=int, help="embedding dimension (default: summary.json's, else 64)")
    tables.add_argument("--json", action="store_true")
    recommend = commands.add_parser("recommend", help="top items of a 'baco train' model, as 'baco recommend'")
    recommend.add_argument("model")
    recommend.add_argument("--user", action="append", help="a user's id (repeatable)")
    recommend.add_argument("--items", help="comma-separated items of a new user (with --assigned)")
    recommend.add_argument("--assigned", help="'baco assign' output with the new user's rows")
    recommend.add_argument("-k", "--top", dest="k", type=int, default=20)
    recommend.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        if args.command == "tables":
            _tables_report(args)
        else:
            if args.k < 1:
                raise BacoFormatError(f"'-k': {args.k} must be at least 1")
            _recommend(args)
    except BacoFormatError as e:
        print(f"baco_torch: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
