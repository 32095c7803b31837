package org.openhall.centre.store;

import java.sql.SQLException;
import java.util.List;

/**
 * The hook for other centre modules (ratings reports, cases, parcels) to keep their own tables in step
 * with the events, atomically: {@link CentreStore#addProjection registered} projections run INSIDE the
 * ingest transaction, after the batch's events are inserted and before the commit.
 *
 * <ul>
 *   <li>{@code stored} holds only the envelopes this batch newly stored: never a redelivery (same id)
 *       nor a conflict (another id under a stored seq). Each stored event reaches every projection
 *       exactly once, whatever the broker redelivers and however often the centre is killed.</li>
 *   <li>Order: the batch's arrival order, which is NOT seq order (a kiosk sends alerts before tickets,
 *       and redeliveries come late); use {@link Envelope#seq()} or {@link Envelope#timeMs()} to order.</li>
 *   <li>Use only {@code tx.connection()}; do not commit, roll back or close it. Throwing rolls the whole
 *       batch back: nothing is acknowledged to the broker, which delivers it again, so a projection that
 *       throws on a given event stalls ingest. Skip what you cannot read (log it) instead of throwing.</li>
 *   <li>Write SQL both SQLite and PostgreSQL accept, or branch on {@code tx.dialect()}. Migrations of
 *       other modules go into {@code db/migration/sqlite} and {@code db/migration/postgresql}, versions
 *       V50-V79 (reports, cases), V80-V99 (parcels); V1-V49 belong to the store itself.</li>
 * </ul>
 */
@FunctionalInterface
public interface Projection {
    void project(List<Envelope> stored, Transaction tx) throws SQLException;
}
