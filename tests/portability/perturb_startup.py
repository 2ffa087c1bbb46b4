"""IPython start-up file for the portability check (tests/test_portability.py).

Another CPU or BLAS rounds a matrix product differently in its last bits, and
a long training run amplifies that. This file, run at the start of a test-only
kernel, makes this machine behave like a different one: every matrix product
in the kernel comes out scaled by 1 + k * eps, where eps is the machine epsilon
of its dtype and k is a fixed pseudo-random number in [-4, 4] that changes from
call to call. That is a few units in the last place, as from another BLAS kernel.

Scaling a whole product by one factor keeps equal entries equal, so what every
machine keeps exactly (the identical rows that a symmetric start gives, say)
is kept here too; everything else moves by a few ulps, and training amplifies
that exactly as a real change of machine would.

Three routes are covered:

- ``@`` written in notebook cells, rewritten by an IPython AST transformer;
- ``np.dot`` and ``np.matmul``, replaced in numpy's namespace;
- the products inside ``course_utils.network`` (forward ``W @ A``, ``dW``
  and ``dA_prev``), wrapped in that module, where the engine looks them up.

Each route leaves a marker file in ``$NBVAL_PORTABILITY_LOG`` the first time it
perturbs something, so the test can tell that the perturbation really ran.
"""

import ast
import os

import numpy as np

_LOG_DIR = os.environ.get("NBVAL_PORTABILITY_LOG")
_SPREAD = 4.0
# NBVAL_PORTABILITY_SEED picks another sequence of factors, to try other "machines" by hand.
_rng = np.random.default_rng(int(os.environ.get("NBVAL_PORTABILITY_SEED", "20261129")))
_seen = set()


def _mark(route):
    if route not in _seen:
        _seen.add(route)
        if _LOG_DIR:
            with open(os.path.join(_LOG_DIR, f"{os.getpid()}-{route}"), "w") as marker:
                marker.write(route)


def _perturb(result, route):
    """Scale a floating-point product by 1 + k * eps, k in [-4, 4]."""
    if isinstance(result, np.ndarray) and result.dtype.kind == "f" and result.size:
        eps = np.finfo(result.dtype).eps
        factor = result.dtype.type(1.0 + _SPREAD * eps * _rng.uniform(-1.0, 1.0))
        if result.flags.writeable:
            result *= factor
        else:
            result = result * factor
        _mark(route)
    elif isinstance(result, np.floating):
        eps = np.finfo(result.dtype).eps
        result = result * result.dtype.type(1.0 + _SPREAD * eps * _rng.uniform(-1.0, 1.0))
        _mark(route)
    return result


_dot, _matmul = np.dot, np.matmul


def _perturbed_dot(a, b, out=None):
    return _perturb(_dot(a, b) if out is None else _dot(a, b, out=out), "np.dot")


def _perturbed_matmul(a, b, *args, **kwargs):
    return _perturb(_matmul(a, b, *args, **kwargs), "np.matmul")


def __portability_matmul__(a, b):
    return _perturb(_matmul(a, b) if isinstance(a, np.ndarray) or isinstance(b, np.ndarray)
                    else a @ b, "@")


np.dot = _perturbed_dot
np.matmul = _perturbed_matmul


class _MatMulToCall(ast.NodeTransformer):
    """Rewrite ``a @ b`` as ``__portability_matmul__(a, b)`` (and ``a @= b`` likewise)."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.MatMult):
            call = ast.Call(func=ast.Name("__portability_matmul__", ast.Load()),
                            args=[node.left, node.right], keywords=[])
            return ast.copy_location(call, node)
        return node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.MatMult):
            target_load = ast.parse(ast.unparse(node.target), mode="eval").body
            call = ast.Call(func=ast.Name("__portability_matmul__", ast.Load()),
                            args=[target_load, node.value], keywords=[])
            return ast.copy_location(ast.Assign(targets=[node.target], value=call), node)
        return node


_ip = get_ipython()  # noqa: F821 (an IPython start-up file runs inside IPython)
_ip.user_ns["__portability_matmul__"] = __portability_matmul__
_ip.ast_transformers.append(_MatMulToCall())

import course_utils.network as _network  # noqa: E402

_linear_forward = _network._linear_forward
_weight_gradient = _network._weight_gradient
_linear_backward = _network._linear_backward


# The wrappers pass on whatever options the engine's functions take (a layout, say).
def _perturbed_linear_forward(A_prev, W, b, *args, **kwargs):
    Z, cache = _linear_forward(A_prev, W, b, *args, **kwargs)
    return _perturb(Z, "course_utils"), cache


def _perturbed_weight_gradient(dZ, A_prev, *args, **kwargs):
    return _perturb(_weight_gradient(dZ, A_prev, *args, **kwargs), "course_utils")


def _perturbed_linear_backward(dZ, cache, *args, **kwargs):
    dA_prev, dW, db = _linear_backward(dZ, cache, *args, **kwargs)
    return (None if dA_prev is None else _perturb(dA_prev, "course_utils")), dW, db


_network._linear_forward = _perturbed_linear_forward
_network._weight_gradient = _perturbed_weight_gradient
_network._linear_backward = _perturbed_linear_backward
