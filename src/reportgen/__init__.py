"""reportgen: compiles policy briefings from source documents and hand-edited YAML."""

__version__ = "0.1.0"

__all__ = ["__version__"]
