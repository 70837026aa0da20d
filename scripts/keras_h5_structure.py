#!/usr/bin/python3
"""Lists the layout of a Keras .h5 model file as JSON: every group, every dataset (shape, dtype) and the
names of the attributes at each path, plus the model_config. No weights are listed.

    /usr/bin/python3 scripts/keras_h5_structure.py MODEL.h5 > listing.json

src/test/resources/org/convscope/engine/keras/keras210-structure.json is this listing of the real Keras
2.10 notebook model ../shared/fixtures/keras/mnist_cnn_keras2.h5; the export test compares ConvScope's
.h5 of the same architecture with it.
"""
import json
import sys

import h5py


def main(path):
    out = {"groups": [], "datasets": {}, "attributes": {}}
    with h5py.File(path, "r") as f:
        out["attributes"]["/"] = sorted(f.attrs.keys())
        out["model_config"] = json.loads(f.attrs["model_config"])

        def visit(name, obj):
            if isinstance(obj, h5py.Group):
                out["groups"].append(name)
            else:
                out["datasets"][name] = {"shape": list(obj.shape), "dtype": str(obj.dtype)}
            out["attributes"][name] = sorted(obj.attrs.keys())
        f.visititems(visit)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
