package io.tributary.server.cluster;

import io.tributary.config.ClusterPeer;
import io.tributary.server.quorum.QuorumGroups;
import io.tributary.server.quorum.QuorumReplica;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.AlreadyExistsException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quorum queue groups on this node's Raft server (Ratis multi-group): one group per queue, beside
 * the metadata group, on the same server, port and storage directory. The server's state-machine
 * registry ({@link #registry}) gives every group other than the metadata one a
 * {@link QuorumStateMachine} over the node's {@link QuorumReplica} for it, also for the groups Ratis
 * finds in its storage at start. Group ids are derived from the queue's vhost and name, so every
 * node names a queue's group alike. Members' addresses are those of the metadata group.
 *
 * <p>Group creation and removal (blocking Ratis admin calls) run on one {@code quorum-groups}
 * thread; entries are committed in order, in batches, by one {@link GroupSubmitter} per queue.
 */
public final class RaftQuorumGroups implements QuorumGroups, AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(RaftQuorumGroups.class);

    private final Map<RaftGroupId, QuorumReplica> replicas = new ConcurrentHashMap<>();
    private final Map<String, RaftClient> clients = new ConcurrentHashMap<>();
    /** Each queue's members after a membership change ({@link #useMembers}), for the clients made from then on. */
    private final Map<String, List<Integer>> memberships = new ConcurrentHashMap<>();
    private final ExecutorService admin = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quorum-groups");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, GroupSubmitter> submitters = new ConcurrentHashMap<>();
    /** Where queues' batches are sent (blocking Raft calls, one in flight per queue). */
    private final ExecutorService submitPool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "quorum-submit");
        t.setDaemon(true);
        return t;
    });
    private final ClientId adminClientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private volatile RaftServer server;
    private volatile RaftOptions options;

    /** The id of a queue's group. */
    static RaftGroupId idOf(String name) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("tributary-quorum-queue\u001f" + name).getBytes(StandardCharsets.UTF_8)));
    }

    /** The server's registry: the metadata state machine for its group, a quorum queue's for every other. */
    StateMachine.Registry registry(StateMachine metadata) {
        return gid -> gid.equals(RaftSetup.GROUP_ID) ? metadata
                : new QuorumStateMachine(replicas.computeIfAbsent(gid, k -> new QuorumReplica()));
    }

    void attach(RaftServer raftServer, RaftOptions raftOptions) {
        this.server = raftServer;
        this.options = raftOptions;
    }

    @Override
    public int nodeId() {
        return options.nodeId();
    }

    @Override
    public List<Integer> clusterMembers() {
        List<Integer> ids = new ArrayList<>();
        for (RaftPeer p : metadataPeers()) {
            ids.add(Integer.parseInt(p.getId().toString()));
        }
        return ids;
    }

    @Override
    public QuorumReplica replica(String name) {
        return replicas.computeIfAbsent(idOf(name), k -> new QuorumReplica());
    }

    @Override
    public CompletableFuture<Void> ensure(String name, List<Integer> members, boolean everywhere) {
        return CompletableFuture.runAsync(() -> {
            RaftGroup group = group(name, members);
            if (members.contains(nodeId()) && !holds(group.getGroupId())) {
                try {
                    RaftClientReply reply = server.groupManagement(GroupManagementRequest.newAdd(adminClientId,
                            RaftSetup.peerId(nodeId()), callIds.incrementAndGet(), group));
                    if (!reply.isSuccess() && !alreadyExists(reply.getException())) {
                        throw new IllegalStateException("cannot create the group of quorum queue " + printable(name) + ": "
                                + reply.getException());
                    }
                } catch (IOException e) {
                    if (!alreadyExists(e)) {
                        throw new IllegalStateException("cannot create the group of quorum queue " + printable(name) + ": " + e, e);
                    }
                }
            }
            if (everywhere) {
                for (RaftPeer peer : group.getPeers()) {
                    if (!peer.getId().equals(RaftSetup.peerId(nodeId()))) {
                        addOn(peer, group, name);
                    }
                }
            }
        }, admin);
    }

    private void addOn(RaftPeer peer, RaftGroup group, String name) {
        try {
            addGroupOn(peer, group);
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Node {} could not be asked to create the group of quorum queue {} ({}); it will when it next starts",
                    peer.getId(), printable(name), e.getMessage());
        }
    }

    /** Has {@code peer}'s server create {@code group}; one that already holds it counts as done. */
    private void addGroupOn(RaftPeer peer, RaftGroup group) throws IOException {
        try (RaftClient c = RaftClient.newBuilder().setClientId(ClientId.randomId()).setRaftGroup(RaftGroup.valueOf(group.getGroupId(), peer))
                .setProperties(RaftSetup.clientProperties(options)).setParameters(new Parameters())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3, TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                .build()) {
            RaftClientReply reply = c.getGroupManagementApi(peer.getId()).add(group);
            if (!reply.isSuccess() && !alreadyExists(reply.getException())) {
                throw new IOException("node " + peer.getId() + " did not create the group: " + reply.getException(), reply.getException());
            }
        } catch (AlreadyExistsException e) {
            // made by the node itself meanwhile
        }
    }

    @Override
    public CompletableFuture<Void> prepareMember(String name, int nodeId) {
        return CompletableFuture.runAsync(() -> {
            // no peers: the new member waits for the leader instead of electing itself in a group of one
            RaftGroup empty = RaftGroup.valueOf(idOf(name), List.of());
            try {
                if (nodeId == nodeId()) {
                    if (!holds(empty.getGroupId())) {
                        RaftClientReply reply = server.groupManagement(GroupManagementRequest.newAdd(adminClientId, RaftSetup.peerId(nodeId),
                                callIds.incrementAndGet(), empty));
                        if (!reply.isSuccess() && !alreadyExists(reply.getException())) {
                            throw new IOException(String.valueOf(reply.getException()), reply.getException());
                        }
                    }
                } else {
                    addGroupOn(group(name, List.of(nodeId)).getPeers().iterator().next(), empty);
                }
            } catch (IOException e) {
                if (!alreadyExists(e)) {
                    throw new IllegalStateException("node " + nodeId + " cannot hold a replica of quorum queue " + printable(name) + ": "
                            + e.getMessage(), e);
                }
            }
        }, admin);
    }

    @Override
    public CompletableFuture<Void> changeMembers(String name, List<Integer> current, List<Integer> next) {
        // not on the admin thread: catching a new member up may take a while, and declarations must not wait for it
        return CompletableFuture.runAsync(() -> {
            RaftGroup from = group(name, current);
            List<RaftPeer> to = List.copyOf(group(name, next).getPeers());
            try (RaftClient c = newClient(from)) {
                String failure;
                try {
                    RaftClientReply reply = c.admin().setConfiguration(SetConfigurationRequest.Arguments.newBuilder().setServersInNewConf(to)
                            .setServersInCurrentConf(List.copyOf(from.getPeers())).setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET).build());
                    failure = reply.isSuccess() ? null : String.valueOf(reply.getException());
                } catch (IOException e) {
                    failure = e.getMessage();
                }
                if (failure != null && !hasMembers(c, from, next)) {
                    throw new IllegalStateException("the members of quorum queue " + printable(name) + " were not changed from " + current
                            + " to " + next + ": " + failure);
                }
                LOGGER.info("Quorum queue {}: members changed from {} to {}", printable(name), current, next);
            } catch (IOException e) {
                throw new IllegalStateException("closing a Raft client failed: " + e.getMessage(), e);
            }
        }, submitPool);
    }

    /** Whether a server of the group (the first that answers) has exactly {@code expected} as its members. */
    private static boolean hasMembers(RaftClient c, RaftGroup group, List<Integer> expected) {
        for (RaftPeer p : group.getPeers()) {
            try {
                List<Integer> ids = new ArrayList<>();
                for (RaftPeer m : c.getGroupManagementApi(p.getId()).info(group.getGroupId()).getGroup().getPeers()) {
                    ids.add(Integer.parseInt(m.getId().toString()));
                }
                return ids.size() == expected.size() && ids.containsAll(expected);
            } catch (IOException | RuntimeException e) {
                // ask the next
            }
        }
        return false;
    }

    @Override
    public CompletableFuture<ByteBuffer> submit(String name, List<Integer> members, byte[] entry) {
        return submitters.computeIfAbsent(name, n -> new GroupSubmitter(n, () -> clients.computeIfAbsent(n,
                k -> newClient(group(k, memberships.getOrDefault(k, members)))), () -> dropClient(n), submitPool)).submit(entry);
    }

    @Override
    public void useMembers(String name, List<Integer> members) {
        memberships.put(name, members);
        dropClient(name);
    }

    private RaftClient newClient(RaftGroup group) {
        long timeoutMs = Math.max(10_000, options.writeTimeout().toMillis());
        return RaftClient.newBuilder().setClientId(ClientId.randomId()).setRaftGroup(group)
                .setProperties(RaftSetup.clientProperties(options)).setParameters(new Parameters())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep((int) (timeoutMs / 100),
                        TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                .build();
    }

    @Override
    public CompletableFuture<Integer> askLeader(String name, List<Integer> members) {
        if (holds(idOf(name))) {
            return CompletableFuture.completedFuture(leaderOf(name));
        }
        return CompletableFuture.supplyAsync(() -> {
            RaftGroup group = group(name, members);
            try (RaftClient c = newClient(group)) {
                for (RaftPeer p : group.getPeers()) {
                    try {
                        org.apache.ratis.proto.RaftProtos.RoleInfoProto role = c.getGroupManagementApi(p.getId()).info(group.getGroupId())
                                .getRoleInfoProto();
                        if (role.getRole() == org.apache.ratis.proto.RaftProtos.RaftPeerRole.LEADER) {
                            return Integer.parseInt(role.getSelf().getId().toStringUtf8());
                        }
                        if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
                            return Integer.parseInt(role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8());
                        }
                    } catch (IOException | RuntimeException e) {
                        // ask the next member
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        }, submitPool);
    }

    @Override
    public CompletableFuture<Void> transferLeadership(String name, List<Integer> members, int nodeId) {
        return CompletableFuture.runAsync(() -> {
            try (RaftClient c = newClient(group(name, members))) {
                RaftClientReply reply = c.admin().transferLeadership(RaftSetup.peerId(nodeId), 10_000);
                if (!reply.isSuccess()) {
                    throw new IllegalStateException("quorum queue " + printable(name) + ": leadership not transferred to node " + nodeId + ": "
                            + reply.getException());
                }
            } catch (IOException e) {
                throw new IllegalStateException("quorum queue " + printable(name) + ": leadership not transferred to node " + nodeId + ": "
                        + e.getMessage(), e);
            }
        }, submitPool);
    }

    /** The first index this node's log of the group still holds (earlier ones were purged after a snapshot); -1 without the group. */
    long logStartIndex(String name) {
        try {
            return server.getDivision(idOf(name)).getRaftLog().getStartIndex();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public boolean leads(String name) {
        return Divisions.leads(server, idOf(name));
    }

    @Override
    public int leaderOf(String name) {
        return Divisions.leaderNodeId(server, idOf(name));
    }

    @Override
    public Map<Integer, Long> silenceMs(String name) {
        return Divisions.followerSilenceMs(server, idOf(name));
    }

    @Override
    public Map<Integer, Long> nodeSilenceMs() {
        return Divisions.followerSilenceMs(server, RaftSetup.GROUP_ID);
    }

    @Override
    public CompletableFuture<Void> removeLocal(String name) {
        dropClient(name);
        return CompletableFuture.runAsync(() -> {
            RaftGroupId id = idOf(name);
            if (!holds(id)) {
                replicas.remove(id);
                return;
            }
            try {
                RaftClientReply reply = server.groupManagement(GroupManagementRequest.newRemove(adminClientId, RaftSetup.peerId(nodeId()),
                        callIds.incrementAndGet(), id, true, false));
                if (!reply.isSuccess()) {
                    throw new IllegalStateException("cannot remove the group of quorum queue " + printable(name) + ": " + reply.getException());
                }
                replicas.remove(id);
            } catch (IOException e) {
                throw new IllegalStateException("cannot remove the group of quorum queue " + printable(name) + ": " + e, e);
            }
        }, admin);
    }

    @Override
    public void closeClient(String name) {
        dropClient(name);
        memberships.remove(name);
    }

    /** Closes the group's client; the next submit makes a new one (to the members known then). */
    private void dropClient(String name) {
        RaftClient c = clients.remove(name);
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOGGER.debug("Closing the client of quorum queue {}: {}", printable(name), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        submitPool.shutdown();
        submitters.values().forEach(s -> s.failAll(new IOException("the node is stopping")));
        for (String name : List.copyOf(clients.keySet())) {
            closeClient(name);
        }
        admin.shutdown();
    }

    private boolean holds(RaftGroupId id) {
        for (RaftGroupId g : server.getGroupIds()) {
            if (g.equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The queue's group with its members' Raft addresses (as the metadata group knows them, else as configured). */
    private RaftGroup group(String name, List<Integer> members) {
        Map<String, RaftPeer> known = new HashMap<>();
        for (ClusterPeer p : options.peers()) {
            known.put(Integer.toString(p.id()), RaftSetup.peer(p.id(), p.address()));
        }
        for (RaftPeer p : metadataPeers()) {
            known.put(p.getId().toString(), p);
        }
        List<RaftPeer> peers = new ArrayList<>();
        for (int m : members) {
            RaftPeer p = known.get(Integer.toString(m));
            if (p == null) {
                throw new IllegalStateException("quorum queue " + printable(name) + ": no Raft address known for member node " + m);
            }
            peers.add(p);
        }
        return RaftGroup.valueOf(idOf(name), peers);
    }

    private List<RaftPeer> metadataPeers() {
        try {
            return List.copyOf(server.getDivision(RaftSetup.GROUP_ID).getRaftConf().getCurrentPeers());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean alreadyExists(Throwable e) {
        return e instanceof AlreadyExistsException || e != null && String.valueOf(e.getMessage()).contains("already exist");
    }

    private static String printable(String name) {
        return "'" + name.replace('\u001f', '/') + "'";
    }
}
