// The canvas driven as a person drives it: mouse presses, moves and releases on the
// viewport, drops from the palette, keys and menu actions, all offscreen.
#include "component_item.h"
#include "component_properties_model.h"
#include "design_document.h"
#include "design_editor.h"
#include "diagram_scene.h"
#include "diagram_view.h"
#include "file_controller.h"
#include "inspector_widget.h"
#include "link_item.h"
#include "main_window.h"
#include "model/component_kind.h"
#include "palette_model.h"
#include "palette_widget.h"
#include "right_click.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace hld;

class TestCanvas : public QObject
{
    Q_OBJECT

    MainWindow *w = nullptr;
    DiagramView *view() const { return w->view(); }
    QWidget *vp() const { return w->view()->viewport(); }
    const Design &design() const { return w->document()->design(); }

    QPoint toView(QPointF scene) const { return view()->mapFromScene(scene); }

    void send(QEvent::Type type,
              QPoint pos,
              Qt::MouseButton button,
              Qt::MouseButtons buttons,
              Qt::KeyboardModifiers mods = {})
    {
        QMouseEvent e(type, pos, vp()->mapToGlobal(pos), button, buttons, mods);
        QApplication::sendEvent(vp(), &e);
    }

    // A real drag: press, several moves with the button held, release.
    void drag(QPoint from, QPoint to, Qt::KeyboardModifiers mods = {})
    {
        send(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton, mods);
        for (int i = 1; i <= 8; ++i)
            send(QEvent::MouseMove, from + (to - from) * i / 8, Qt::NoButton, Qt::LeftButton, mods);
        send(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton, mods);
    }

    QPointF centreOf(const QString &id) const
    {
        const auto &p = *w->document()->component(id)->position;
        return {p.x, p.y};
    }

    QPointF portOf(const QString &id) const
    {
        auto *item = w->scene()->componentItem(id);
        return item->mapToScene(item->portRect().center());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("hld-test"));
        QApplication::setApplicationName(QStringLiteral("canvas"));
    }

    void init()
    {
        w = new MainWindow;
        w->files()->newDocument();
        w->resize(1280, 800);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        view()->setZoom(1.0);
        view()->centerOn(0, 0);
    }

    void cleanup()
    {
        w->document()->undoStack()->setClean(); // no save prompt
        delete w;
    }

    void placeFromPaletteByDrop()
    {
        QMimeData mime;
        mime.setData(QString::fromLatin1(kKindMimeType), "cache");
        const QPoint at = toView(QPointF(200, 100));
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(vp(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(vp(), &drop);
        QCOMPARE(int(design().components.size()), 1);
        const Component &c = design().components.front();
        QVERIFY(c.kind == ComponentKind::Cache);
        QVERIFY(std::abs(c.position->x - 200) <= 10 && std::abs(c.position->y - 100) <= 10);
        QCOMPARE(w->scene()->selectedComponentIds(), QStringList{QString::fromStdString(c.id)});
        // The inspector shows it.
        QCOMPARE(w->inspector()->componentModel()->selection(),
                 QStringList{QString::fromStdString(c.id)});
    }

    void placeFromPaletteWithKeyboard()
    {
        w->palette()->searchBox()->setText(QStringLiteral("queue"));
        QCOMPARE(w->palette()->visibleKindCount(), 1);
        QTest::keyClick(w->palette()->searchBox(), Qt::Key_Return);
        QCOMPARE(int(design().components.size()), 1);
        QVERIFY(design().components.front().kind == ComponentKind::Queue);
        w->palette()->searchBox()->setText(QStringLiteral("redis"));
        QCOMPARE(w->palette()->visibleKindCount(), 1); // found through the tooltip text
    }

    void connectByDraggingFromThePort()
    {
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString db = w->editor()->addComponent(ComponentKind::Database, Point{300, 0});
        drag(toView(portOf(api)), toView(centreOf(db)));
        QVERIFY(w->document()->linkIndex(api, db) != -1);
        QVERIFY(w->scene()->linkItem(api, db));
        // With Alt held the link is async.
        const QString q = w->editor()->addComponent(ComponentKind::Queue, Point{300, 200});
        drag(toView(portOf(api)), toView(centreOf(q)), Qt::AltModifier);
        const int li = w->document()->linkIndex(api, q);
        QVERIFY(li != -1);
        QVERIFY(*design().links[std::size_t(li)].mode == LinkMode::Async);
    }

    void refusedConnectionIsExplainedAndChangesNothing()
    {
        const QString users = w->editor()->addComponent(ComponentKind::Client, Point{0, 0});
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{300, 0});
        QSignalSpy messages(view(), &DiagramView::message);
        const int steps = w->document()->undoStack()->count();
        drag(toView(portOf(api)), toView(centreOf(users)));
        QCOMPARE(int(design().links.size()), 0);
        QCOMPARE(w->document()->undoStack()->count(), steps);
        QCOMPARE(messages.count(), 1);
        QVERIFY(messages.first().first().toString().contains(QStringLiteral("client")));
        // Closing a cycle is refused too.
        drag(toView(portOf(users)), toView(centreOf(api)));
        const QString db = w->editor()->addComponent(ComponentKind::Database, Point{600, 0});
        drag(toView(portOf(api)), toView(centreOf(db)));
        drag(toView(portOf(db)), toView(centreOf(api)));
        QCOMPARE(int(design().links.size()), 2);
        QVERIFY(messages.last().first().toString().contains(QStringLiteral("cycle")));
    }

    void dragMovesAndUndoRestores()
    {
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString db = w->editor()->addComponent(ComponentKind::Database, Point{300, 0});
        QVERIFY(!w->editor()->connect(api, db));
        const int steps = w->document()->undoStack()->count();
        drag(toView(QPointF(-20, 10)), toView(QPointF(-20 + 100, 10 + 60)));
        QCOMPARE(centreOf(api), QPointF(100, 60));
        QCOMPARE(w->document()->undoStack()->count(), steps + 1);
        // The link followed the item.
        QVERIFY(w->scene()->linkItem(api, db)->boundingRect().contains(QPointF(150, 50)));
        w->action(QStringLiteral("undo"))->trigger();
        QCOMPARE(centreOf(api), QPointF(0, 0));
        QCOMPARE(w->scene()->componentItem(api)->pos(), QPointF(0, 0));
        w->action(QStringLiteral("redo"))->trigger();
        QCOMPARE(centreOf(api), QPointF(100, 60));
    }

    void rubberBandSelectsAndDeleteRemoves()
    {
        const QString a = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString b = w->editor()->addComponent(ComponentKind::Cache, Point{200, 0});
        const QString c = w->editor()->addComponent(ComponentKind::Database, Point{600, 0});
        QVERIFY(!w->editor()->connect(a, b));
        QVERIFY(!w->editor()->connect(b, c));
        w->scene()->clearSelection();
        drag(toView(QPointF(-120, -100)), toView(QPointF(320, 100)));
        QCOMPARE(w->scene()->selectedComponentIds(), (QStringList{a, b}));
        w->action(QStringLiteral("delete"))->trigger();
        QCOMPARE(int(design().components.size()), 1);
        QCOMPARE(int(design().links.size()), 0);
        w->action(QStringLiteral("undo"))->trigger();
        QCOMPARE(int(design().components.size()), 3);
        QCOMPARE(int(design().links.size()), 2);
        QVERIFY(w->scene()->linkItem(b, c));
    }

    void copyPasteKeepsLinksAmongTheCopies()
    {
        const QString a = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString b = w->editor()->addComponent(ComponentKind::Cache, Point{200, 0});
        const QString c = w->editor()->addComponent(ComponentKind::Database, Point{400, 0});
        QVERIFY(!w->editor()->connect(a, b));
        QVERIFY(!w->editor()->connect(b, c));
        w->scene()->selectComponents({a, b});
        w->action(QStringLiteral("copy"))->trigger();
        w->action(QStringLiteral("paste"))->trigger();
        QCOMPARE(int(design().components.size()), 5);
        const QStringList pasted = w->scene()->selectedComponentIds();
        QCOMPARE(pasted.size(), 2);
        QVERIFY(w->document()->linkIndex(pasted[0], pasted[1]) != -1);
        QCOMPARE(int(design().links.size()), 3);
        // Into a second window through the system clipboard.
        MainWindow second;
        second.files()->newDocument();
        second.action(QStringLiteral("paste"))->trigger();
        QCOMPARE(int(second.document()->design().components.size()), 2);
        QCOMPARE(int(second.document()->design().links.size()), 1);
        second.document()->undoStack()->setClean();
        // Duplicate in place.
        w->scene()->selectComponents({c});
        w->action(QStringLiteral("duplicate"))->trigger();
        QCOMPARE(int(design().components.size()), 6);
    }

    void zoomKeysAndFit()
    {
        view()->setZoom(1.0);
        w->action(QStringLiteral("zoomIn"))->trigger();
        QVERIFY(view()->zoom() > 1.0);
        w->action(QStringLiteral("zoomOut"))->trigger();
        w->action(QStringLiteral("zoomOut"))->trigger();
        QVERIFY(view()->zoom() < 1.0);
        // Wheel zoom.
        QWheelEvent wheel(QPointF(vp()->rect().center()),
                          vp()->mapToGlobal(vp()->rect().center()),
                          {},
                          QPoint(0, 240),
                          Qt::NoButton,
                          {},
                          Qt::NoScrollPhase,
                          false);
        const double before = view()->zoom();
        QApplication::sendEvent(vp(), &wheel);
        QVERIFY(view()->zoom() > before);
        // Fit: every component is inside the visible area.
        w->files()->newDocument(
            *FileController::loadTemplate(QStringLiteral(":/templates/web-crawler.hld.json")));
        view()->setZoom(3.0);
        w->action(QStringLiteral("zoomFit"))->trigger();
        const QRectF visible = view()->mapToScene(vp()->rect()).boundingRect();
        for (auto *item : w->scene()->componentItems())
            QVERIFY(visible.contains(item->sceneBoundingRect()));
        QVERIFY(view()->zoom() >= DiagramView::kMinZoom);
    }

    void spaceDragPans()
    {
        view()->setZoom(1.0);
        const QPointF before = view()->visibleCentre();
        QTest::keyPress(vp(), Qt::Key_Space);
        drag(QPoint(600, 300), QPoint(400, 200));
        QTest::keyRelease(vp(), Qt::Key_Space);
        const QPointF after = view()->visibleCentre();
        QVERIFY(std::abs(after.x() - before.x() - 200) < 2);
        QVERIFY(std::abs(after.y() - before.y() - 100) < 2);
        QCOMPARE(int(design().components.size()), 0); // panning selects and moves nothing
    }

    void inspectorRefusesInvalidValues()
    {
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        w->scene()->selectComponents({api});
        auto *model = w->inspector()->componentModel();
        const Design before = design();
        const QModelIndex workers = model->index(model->rowOfField(QStringLiteral("workers")), 1);
        QVERIFY(!model->setData(workers, QStringLiteral("-3"), Qt::EditRole));
        QVERIFY(w->inspector()->errorText().startsWith(QStringLiteral("Workers per replica must")));
        QVERIFY(design() == before);
        QVERIFY(model->setData(workers, QStringLiteral("12"), Qt::EditRole));
        QCOMPARE(effectiveWorkers(*w->document()->component(api)), 12);
        QVERIFY(w->inspector()->errorText().isEmpty());
    }

    void shiftClickAddsToTheSelection()
    {
        const QString a = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString b = w->editor()->addComponent(ComponentKind::Cache, Point{300, 0});
        w->scene()->clearSelection();
        const QPoint pa = toView(QPointF(-20, 10)), pb = toView(QPointF(280, 10));
        send(QEvent::MouseButtonPress, pa, Qt::LeftButton, Qt::LeftButton);
        send(QEvent::MouseButtonRelease, pa, Qt::LeftButton, Qt::NoButton);
        send(QEvent::MouseButtonPress, pb, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
        send(QEvent::MouseButtonRelease, pb, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
        QCOMPARE(w->scene()->selectedComponentIds(), (QStringList{a, b}));
        QCOMPARE(w->inspector()->componentModel()->selection(), (QStringList{a, b}));
    }

    void designNameIsEditableAndUndoable()
    {
        auto *name = w->inspector()->findChild<QLineEdit *>(QStringLiteral("designName"));
        QVERIFY(name);
        name->setText(QStringLiteral("Pastebin"));
        emit name->editingFinished();
        QCOMPARE(design().name, std::string("Pastebin"));
        QVERIFY(w->windowTitle().startsWith(QStringLiteral("Pastebin")));
        w->action(QStringLiteral("undo"))->trigger();
        QCOMPARE(design().name, std::string(""));
    }

    void arrowKeysNudgeTheSelection()
    {
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        w->scene()->selectComponents({api});
        view()->setFocus();
        QTest::keyClick(vp(), Qt::Key_Right);
        QTest::keyClick(view(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(centreOf(api), QPointF(20, 100));
    }

    // A right click on a link offers the link's own edits; each is undoable.
    void linkMenuMakesTheLinkAsynchronous()
    {
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString q = w->editor()->addComponent(ComponentKind::Queue, Point{400, 0});
        QVERIFY(!w->editor()->connect(api, q));
        const QPoint at = toView(QPointF(200, 0)); // the middle of the link
        const auto [offered, clicked] = test::rightClickAndPick(vp(), at, [](const QAction *a) {
            return a->objectName() == QStringLiteral("linkAsync");
        });
        QVERIFY2(clicked, qPrintable(offered.join(QStringLiteral(", "))));
        for (const char *name : {"copy", "duplicate", "groupIntoRegion", "moveOutOfRegion"})
            QVERIFY2(!offered.contains(w->action(QString::fromLatin1(name))->text()), name);
        QVERIFY(offered.contains(w->action(QStringLiteral("delete"))->text()));
        QVERIFY(design().links.front().mode == LinkMode::Async);
        w->action(QStringLiteral("undo"))->trigger();
        QVERIFY(!design().links.front().mode.has_value());
    }

    // A label wider than a short, steep link stays inside the link's bounding rectangle:
    // outside it, the label was clipped and left trails when it changed.
    void linkLabelsStayInsideTheLinksBounds()
    {
        const QString a = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString b = w->editor()->addComponent(ComponentKind::Database, Point{0, 200});
        QVERIFY(!w->editor()->connect(a, b));
        Link l = design().links.front();
        l.latencyMs = 1234.5;
        l.requests = RequestFilter::Writes;
        QVERIFY(!w->editor()->editLink(0, l, QStringLiteral("edit")));
        LinkItem *item = w->scene()->linkItem(a, b);
        QVERIFY(item->labelRect().width() > 80); // wider than the line's margin of 2 x 40
        QVERIFY(item->boundingRect().contains(item->labelRect()));
        item->setRate(123456); // running: "123.5k rps"
        QVERIFY(item->boundingRect().contains(item->labelRect()));
    }

    // On a short link the label (centred on the link) covered the breaker glyph.
    void aLinksLabelStandsClearOfItsBreaker()
    {
        const QString a = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString b = w->editor()->addComponent(ComponentKind::Service, Point{240, 0});
        QVERIFY(!w->editor()->connect(a, b));
        Link l = design().links.front();
        l.circuitBreaker = CircuitBreakerPolicy{};
        QVERIFY(!w->editor()->editLink(0, l, QStringLiteral("breaker")));
        LinkItem *item = w->scene()->linkItem(a, b);
        QVERIFY(item->line().length() < 120); // short: the label used to cover it
        const QPointF c = item->breakerCentre();
        QVERIFY(!item->labelRect().intersects(QRectF(c - QPointF(7, 7), QSizeF(14, 14))));
    }

    // On a short link the policies' lines ("timeouts 2.4/s") are wider than the gap and
    // went under the boxes. The link then rises above the components, and its shape leaves
    // the ports to them, so a drag from a port still starts a connection.
    void aCrowdedLinkRisesAboveTheBoxesAndLeavesThePorts()
    {
        const QString a = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString b = w->editor()->addComponent(ComponentKind::Service, Point{220, 0});
        QVERIFY(!w->editor()->connect(a, b));
        LinkItem *item = w->scene()->linkItem(a, b);
        ComponentItem *from = item->fromItem();
        QVERIFY(item->zValue() < from->zValue()); // "0.5 ms" fits between the boxes
        Link l = design().links.front();
        l.timeoutMs = 250;
        l.retry = RetryPolicy{};
        l.retry->max = 3;
        l.maxConcurrent = 50;
        QVERIFY(!w->editor()->editLink(0, l, QStringLiteral("policies")));
        QVERIFY(item->zValue() > from->zValue());
        // The lines slide towards the caller: the callee's name stays in view.
        QVERIFY(!item->marksRect().intersects(item->toItem()->frameRect()));
        QVERIFY(!item->shape().contains(item->line().p1())); // the caller's port
        QVERIFY(!item->shape().contains(item->line().p2()));
        QVERIFY(item->shape().contains(item->line().center()));
        QVERIFY(from->isOnPort(item->mapToScene(item->line().p1())));
        // Pulled apart, the text fits again and the link goes back under the boxes.
        w->editor()->move({{b, Point{600, 0}}});
        QVERIFY(item->zValue() < from->zValue());
    }

    // A box's badges ("m", "×3") say what they abbreviate in its tooltip, kept up to date.
    void aComponentsTooltipSpellsOutItsBadges()
    {
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        ComponentItem *item = w->scene()->componentItem(api);
        QVERIFY2(item->toolTip().contains(QStringLiteral("Instance m: ")),
                 qPrintable(item->toolTip()));
        QVERIFY2(item->toolTip().contains(QStringLiteral("1 replica,")),
                 qPrintable(item->toolTip()));
        Component c = *design().find(api.toStdString());
        c.replicas = 3;
        c.instance = "xl";
        QVERIFY(!w->editor()->editComponents({{api, c}}, QStringLiteral("scale")));
        QVERIFY2(item->toolTip().contains(QStringLiteral("3 replicas,")),
                 qPrintable(item->toolTip()));
        QVERIFY2(item->toolTip().contains(QStringLiteral("Instance xl: ")),
                 qPrintable(item->toolTip()));
    }

    // A cross-region link to a store that keeps a replica in the caller's region is near for
    // the calls the simulator sends to that replica: its label gives both latencies.
    void aLinkToAStoreWithALocalReplicaShowsBothLatencies()
    {
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        const QString db = w->editor()->addComponent(ComponentKind::Database, Point{300, 0});
        QVERIFY(!w->editor()->connect(api, db));
        Component a = *design().find(api.toStdString());
        a.region = "eu";
        Component d = *design().find(db.toStdString());
        d.region = "us";
        d.replicas = 3;
        d.replication = Replication{};
        QVERIFY(!w->editor()->editComponents({{api, a}, {db, d}}, QStringLiteral("regions")));
        LinkItem *item = w->scene()->linkItem(api, db);
        QCOMPARE(item->labelText(), QStringLiteral("75 ms")); // every replica is in us
        d.replication->replicaRegions = {"us", "eu", "us"};
        QVERIFY(!w->editor()->editComponents({{db, d}}, QStringLiteral("replica in eu")));
        QCOMPARE(item->labelText(), QStringLiteral("0.5 / 75 ms"));
        QVERIFY(item->toolTip().contains(QStringLiteral("nearest replica")));
    }

    void regionActionsFollowTheSelection()
    {
        QAction *group = w->action(QStringLiteral("groupIntoRegion"));
        QAction *out = w->action(QStringLiteral("moveOutOfRegion"));
        const QString api = w->editor()->addComponent(ComponentKind::Service, Point{0, 0});
        w->scene()->clearSelection();
        QVERIFY(!group->isEnabled());
        QVERIFY(!out->isEnabled());
        w->scene()->selectComponents({api});
        QVERIFY(group->isEnabled());
        QVERIFY(!out->isEnabled()); // in no region: nothing to move out of
        group->trigger();
        QVERIFY(design().components.front().region.has_value());
        QVERIFY(out->isEnabled());
        out->trigger();
        QVERIFY(!design().components.front().region.has_value());
        QVERIFY(!out->isEnabled()); // the selection is unchanged, but out of the region
        w->action(QStringLiteral("undo"))->trigger();
        QVERIFY(out->isEnabled());
    }
};

QTEST_MAIN(TestCanvas)
#include "test_canvas.moc"
