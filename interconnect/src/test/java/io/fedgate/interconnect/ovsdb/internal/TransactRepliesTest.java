package io.fedgate.interconnect.ovsdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedgate.interconnect.ovsdb.Condition;
import io.fedgate.interconnect.ovsdb.DatabaseSchema;
import io.fedgate.interconnect.ovsdb.Operation;
import io.fedgate.interconnect.ovsdb.OvsdbProtocolException;
import io.fedgate.interconnect.ovsdb.OvsdbServerException;
import io.fedgate.interconnect.ovsdb.TransactionResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactRepliesTest {
    private static final DatabaseSchema SCHEMA = SchemaParser.parse(json(
            "{\"name\":\"DB\",\"version\":\"1\",\"tables\":{\"T\":{\"columns\":{\"name\":{\"type\":\"string\"}}}}}"));
    private static final List<Operation> OPS = List.of(Operation.insert("T").with("name", "a"),
            Operation.select("T", List.of(Condition.eq("name", "a")), List.of("_uuid", "name")));

    private static JsonNode json(String s) {
        try {
            return OvsdbJson.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsUuidsAndRows() {
        TransactionResult r = TransactReplies.parse(json("[{\"uuid\":[\"uuid\",\"11111111-1111-1111-1111-111111111111\"]},"
                + "{\"rows\":[{\"_uuid\":[\"uuid\",\"11111111-1111-1111-1111-111111111111\"],\"name\":\"a\"}]}]"),
                OPS, SCHEMA, "t");
        assertThat(r.get(0).uuid().value()).startsWith("1111");
        assertThat(r.get(1).rows()).singleElement().satisfies(row -> assertThat(row.string("name")).isEqualTo("a"));
    }

    @Test
    void anErrorElementAtAnOperationIndexNamesThatOperation() {
        assertThatThrownBy(() -> TransactReplies.parse(json("[{\"uuid\":[\"uuid\",\"11111111-1111-1111-1111-111111111111\"]},"
                + "{\"error\":\"syntax error\",\"details\":\"no column x\"}]"), OPS, SCHEMA, "t"))
                .isInstanceOf(OvsdbServerException.class)
                .hasMessage("t: transaction failed at operation 1 (select from T where [name == a]): syntax error: no column x")
                .satisfies(e -> assertThat(((OvsdbServerException) e).operationIndex()).isEqualTo(1));
    }

    @Test
    void theExtraElementPastTheLastOperationIsACommitError() {
        assertThatThrownBy(() -> TransactReplies.parse(json("[{\"uuid\":[\"uuid\",\"11111111-1111-1111-1111-111111111111\"]},"
                + "{\"rows\":[]},{\"error\":\"constraint violation\",\"details\":\"duplicate name\"}]"), OPS, SCHEMA, "t"))
                .isInstanceOf(OvsdbServerException.class)
                .hasMessageContaining("commit of 2 operations: constraint violation: duplicate name")
                .satisfies(e -> assertThat(((OvsdbServerException) e).operationIndex()).isEqualTo(-1));
    }

    @Test
    void aClusterErrorIsMarkedRetryable() {
        assertThatThrownBy(() -> TransactReplies.parse(json("[{\"error\":\"cluster error\",\"details\":\"lost leadership\"}]"),
                OPS, SCHEMA, "t"))
                .isInstanceOfSatisfying(OvsdbServerException.class, e -> assertThat(e.isClusterError()).isTrue());
    }

    @Test
    void aResultThatIsNotAnArrayIsAProtocolError() {
        assertThatThrownBy(() -> TransactReplies.parse(json("{\"rows\":[]}"), OPS, SCHEMA, "t"))
                .isInstanceOf(OvsdbProtocolException.class).hasMessageContaining("transact result must be an array");
    }
}
