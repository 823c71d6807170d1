package io.fedgate.interconnect.ovsdb;

/**
 * The server's schema lacks a table or column the caller needs. The message names the database, its schema
 * version and the OVN release that ships it when known, and every missing table or column.
 */
public class OvsdbSchemaException extends OvsdbException {
    public OvsdbSchemaException(String message) {
        super(message);
    }
}
