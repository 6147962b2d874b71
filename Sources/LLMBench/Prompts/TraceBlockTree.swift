/// The `hash_ids` of a trace's requests as a tree of shared prefixes: a node is a block id after
/// the same leading ids, and the requests that pass through it share that prefix exactly.
struct TraceBlockTree {
    /// One block after a given prefix of blocks.
    struct Node: Sendable {
        /// The block's id (`hash_ids` entry).
        let id: Int
        /// The node of the block before it; nil for a first block.
        let parent: Int?
        /// 0-based position of the block in its requests' prompts.
        let depth: Int
        /// Requests whose prompt holds this node.
        var requests: Int
    }

    /// Every node, parents before children.
    private(set) var nodes: [Node] = []
    /// For each request, its blocks' nodes that another request shares too, first block first.
    private(set) var sharedPaths: [[Int]] = []

    /// The tree of `hashIDs`, one list per request.
    init(_ hashIDs: [[Int]]) {
        var children: [Key: Int] = [:]
        var paths: [[Int]] = []
        for ids in hashIDs {
            var path: [Int] = []
            var parent: Int?
            for id in ids {
                let key = Key(parent: parent, id: id)
                let node: Int
                if let known = children[key] {
                    node = known
                    nodes[node].requests += 1
                } else {
                    node = nodes.count
                    nodes.append(Node(id: id, parent: parent, depth: path.count, requests: 1))
                    children[key] = node
                }
                path.append(node)
                parent = node
            }
            paths.append(path)
        }
        sharedPaths = paths.map { path in Array(path.prefix { nodes[$0].requests > 1 }) }
    }

    /// The nodes some request shares with another, parents before children.
    var sharedNodes: [Int] { nodes.indices.filter { nodes[$0].requests > 1 } }

    private struct Key: Hashable {
        let parent: Int?
        let id: Int
    }
}
