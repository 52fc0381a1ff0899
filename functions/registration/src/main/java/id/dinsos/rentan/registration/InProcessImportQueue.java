package id.dinsos.rentan.registration;

import id.dinsos.rentan.application.DecreeImports;
import id.dinsos.rentan.port.ImportQueue;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The local runner's import queue: the chunks run one after another in the invocation that queued
 * the first, in a loop (never one inside another), as SQS would hand them to one invocation each.
 */
final class InProcessImportQueue implements ImportQueue {
    private record Message(String importId, int chunk) {
    }

    private final Deque<Message> waiting = new ArrayDeque<>();
    private DecreeImports imports;
    private boolean draining;

    void workWith(DecreeImports imports) {
        this.imports = imports;
    }

    @Override
    public synchronized void enqueue(String importId, int chunk) {
        waiting.add(new Message(importId, chunk));
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!waiting.isEmpty()) {
                Message next = waiting.poll();
                imports.processChunk(next.importId(), next.chunk());
            }
        } finally {
            draining = false;
            waiting.clear();
        }
    }
}
