"""The ledger resource of weld:inventory/stock (componentize-py looks for
exported resources in a module named after their interface)."""
from wit_world.exports import stock


class Ledger(stock.Ledger):
    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.entries = []

    def add(self, e: stock.Entry) -> None:
        self.entries.append(e)

    def total(self) -> int:
        return sum(e.count for e in self.entries)
