"""Build hook for the one compiled piece: the restorer's inner loops (restore/_speed.c).

Everything else is declared in pyproject.toml. The extension is optional: where no C compiler
is present the install still succeeds and vanban runs the identical pure-Python decoder.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "vanban.restore._speed",
            sources=["restore/_speed.c"],
            # Same floating-point results as the Python reference: no fused multiply-add.
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        )
    ]
)
