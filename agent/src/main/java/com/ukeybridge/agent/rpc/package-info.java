/**
 * JSON-RPC 2.0 as docs/protocol.md uses it: the contract between transport and methods
 * ({@link com.ukeybridge.agent.rpc.RpcHandler}, {@link com.ukeybridge.agent.rpc.ClientConnection},
 * {@link com.ukeybridge.agent.rpc.RpcException}) and the envelope: strict reading
 * ({@link com.ukeybridge.agent.rpc.RpcMessageReader}; a repeated key is a PARSE_ERROR, a member
 * besides jsonrpc/id/method/params an INVALID_REQUEST) and writing
 * ({@link com.ukeybridge.agent.rpc.RpcResponses}).
 */
package com.ukeybridge.agent.rpc;
