"""Every list model behaves as Qt expects (pytest-qt's model tester), pages included."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.store import Store
from desktop.ui.account_tabs import CONTACT_COLUMNS, VISIT_COLUMNS, ListModel
from desktop.ui.accounts_view import AccountColumn, AccountsModel
from desktop.ui.conflicts_view import ConflictsModel
from desktop.ui.opportunities_view import OpportunitiesModel
from desktop.ui.table_model import OVERDUE_COLOR, Roles
from desktop.ui.tasks_view import TasksModel
from tests.desktop.ui.conftest import ACCOUNT_COUNT


def test_accounts_model_loads_pages_as_the_view_asks(qtmodeltester, replica: Store) -> None:
    model = AccountsModel(replica)
    model.reload()
    assert model.rowCount() == model.page_size and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == ACCOUNT_COUNT
    first = model.index(0, model.column_of(AccountColumn.NAME))
    assert model.data(first, Roles.ROW).name == model.data(first)
    qtmodeltester.check(model, force_py=True)


def test_accounts_model_filters_by_chinese_substring(qtmodeltester, replica: Store) -> None:
    model = AccountsModel(replica)
    model.text = "精密"
    model.reload()
    assert model.rowCount() == 1 and not model.canFetchMore()
    qtmodeltester.check(model, force_py=True)


def test_tasks_model_colours_overdue_tasks(qtmodeltester, replica: Store) -> None:
    model = TasksModel(replica)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    brush = model.data(model.index(0, 1), Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == OVERDUE_COLOR and "overdue" in model.data(model.index(0, 2))


def test_other_models_pass_the_model_tester(qtmodeltester, replica: Store) -> None:
    from desktop.services.accounts import list_accounts
    from desktop.services.contacts import contacts_of
    from desktop.services.opportunities import list_opportunities
    from desktop.services.visits import visits_of

    account_id = list_accounts(replica, "精密")[0].id
    models = [ConflictsModel(replica),
              OpportunitiesModel(lambda o, n: list_opportunities(replica, None, n, o)),
              ListModel(CONTACT_COLUMNS, lambda: contacts_of(replica, account_id)),
              ListModel(VISIT_COLUMNS, lambda: visits_of(replica, account_id))]
    for model in models:
        model.reload()
        assert model.rowCount() == 1
        qtmodeltester.check(model, force_py=True)
