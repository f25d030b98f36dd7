"""The weld:inventory stock interface in Python (the resource is in stock.py)."""
from typing import Optional

from wit_world import exports
from wit_world.exports import stock

ITEMS = {"apple": 3, "pear": 0}


class Stock(exports.Stock):
    def lookup(self, sku: str) -> Optional[stock.Entry]:
        if sku not in ITEMS:
            return None
        return stock.Entry(sku=sku, count=ITEMS[sku])
